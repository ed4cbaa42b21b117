import HTTPTypes
import HubSpotModel
import Logging
import NIOCore
import Synchronization
import Testing

@testable import HubGate

/// The label cache's answers, fetches and invalidation, over in-memory storage and a manual clock.
struct LabelCacheTests {
    let key = CacheKey.labels(from: ObjectType(.contacts), to: ObjectType(.companies))
    let tags: Set<CacheTag> = [.pair(from: ObjectType(.contacts), to: ObjectType(.companies))]
    let clock = ManualWallClock(start: 1_000_000)
    let storage = InMemoryCacheStorage()
    let upstream = ScriptedUpstream()

    func makeCache() -> LabelCache {
        LabelCache(
            storage: storage,
            policy: CachePolicy(freshFor: .seconds(60), staleWhileRevalidate: .seconds(60), staleIfError: .seconds(3600)),
            clock: clock,
            logger: Logger(label: "test")
        )
    }

    func read(_ cache: LabelCache) async throws -> CacheAnswer {
        let upstream = self.upstream
        return try await cache.read(key: key, tags: tags) { () async throws(GatewayError) -> UpstreamResponse in
            try await upstream.next()
        }
    }

    /// A miss goes upstream once and stores; the next read is a hit with no upstream call.
    @Test func missThenHit() async throws {
        let cache = makeCache()
        upstream.script([.ok("v1")])
        let first = try await read(cache)
        #expect(first.cacheStatus == "HubGate; fwd=miss; stored")
        #expect(String(buffer: first.response.body) == "v1")
        let second = try await read(cache)
        #expect(second.cacheStatus == "HubGate; hit; ttl=60")
        #expect(String(buffer: second.response.body) == "v1")
        #expect(upstream.calls == 1)
        #expect(cache.statistics.hits == 1 && cache.statistics.misses == 1)
    }

    /// Non-200 answers are relayed but never stored.
    @Test func errorsAreNotStored() async throws {
        let cache = makeCache()
        upstream.script([.status(404), .ok("v1")])
        let first = try await read(cache)
        #expect(first.response.status == .notFound)
        #expect(first.cacheStatus == "HubGate; fwd=miss; fwd-status=404")
        _ = try await read(cache)
        #expect(upstream.calls == 2)
    }

    /// After the TTL the stale entry is served at once and refreshed in the background, once.
    @Test func staleWhileRevalidate() async throws {
        let cache = makeCache()
        upstream.script([.ok("v1"), .ok("v2")])
        _ = try await read(cache)
        clock.advance(byMilliseconds: 61_000)
        let stale = try await read(cache)
        #expect(String(buffer: stale.response.body) == "v1")
        #expect(stale.cacheStatus.contains("stale-while-revalidate"))
        try await waitUntil { upstream.calls == 2 }
        try await waitUntil { await storage.body(for: key) == "v2" }
        let fresh = try await read(cache)
        #expect(String(buffer: fresh.response.body) == "v2")
        #expect(upstream.calls == 2)
    }

    /// When HubSpot fails and the entry is old but within staleIfError, the stale entry is served.
    @Test func staleIfError() async throws {
        let cache = makeCache()
        upstream.script([.ok("v1"), .status(503), .failure(.upstreamTimeout)])
        _ = try await read(cache)
        clock.advance(byMilliseconds: 200_000)
        let onStatus = try await read(cache)
        #expect(String(buffer: onStatus.response.body) == "v1")
        #expect(onStatus.cacheStatus == "HubGate; fwd=stale; fwd-status=503; detail=stale-if-error")
        let onError = try await read(cache)
        #expect(String(buffer: onError.response.body) == "v1")
        #expect(onError.cacheStatus.hasPrefix("HubGate; fwd=stale"))
        #expect(cache.statistics.staleServed == 2)
    }

    /// Too old to stand in for a failure: the failure reaches the client.
    @Test func tooOldForStaleIfError() async throws {
        let cache = makeCache()
        upstream.script([.ok("v1"), .failure(.upstreamUnreachable)])
        _ = try await read(cache)
        clock.advance(byMilliseconds: 4_000_000)
        await #expect(throws: GatewayError.upstreamUnreachable) { try await read(cache) }
    }

    /// An invalidation empties the entry, so the next read goes upstream.
    @Test func invalidationForcesRefetch() async throws {
        let cache = makeCache()
        upstream.script([.ok("v1"), .ok("v2")])
        _ = try await read(cache)
        await cache.invalidate(tags: tags)
        let after = try await read(cache)
        #expect(String(buffer: after.response.body) == "v2")
        #expect(cache.statistics.invalidations == 1)
    }

    /// A fetch that started before a write must not store its older answer after the write.
    @Test func writeDuringFetchWins() async throws {
        let cache = makeCache()
        upstream.script([.ok("before-write", delayMilliseconds: 200), .ok("after-write")])
        async let slowRead = read(cache)
        try await waitUntil { upstream.calls == 1 }
        await cache.invalidate(tags: tags)
        let old = try await slowRead
        #expect(String(buffer: old.response.body) == "before-write")
        #expect(!old.cacheStatus.contains("stored"))
        let next = try await read(cache)
        #expect(String(buffer: next.response.body) == "after-write")
    }

    /// Concurrent misses for one key cost one upstream call; the others are marked collapsed.
    @Test func concurrentMissesCoalesce() async throws {
        let cache = makeCache()
        upstream.script([.ok("v1", delayMilliseconds: 100)])
        let answers = try await withThrowingTaskGroup(of: CacheAnswer.self) { group in
            for _ in 0..<20 { group.addTask { try await read(cache) } }
            var all: [CacheAnswer] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        #expect(upstream.calls == 1)
        #expect(answers.allSatisfy { String(buffer: $0.response.body) == "v1" })
        #expect(cache.statistics.coalesced + cache.statistics.hits == 19)
    }

    /// A reader that missed just before another flight stored the answer does not call upstream again.
    @Test func missRacingAStoreDoesNotRefetch() async throws {
        let racing = MissOnceStorage(wrapping: storage)
        await storage.store(CacheEntry(
            key: key, response: CachedResponse(status: 200, contentType: "application/json", body: Array("v1".utf8)),
            storedAt: clock.nowMilliseconds(), tags: tags
        ))
        let cache = LabelCache(storage: racing, policy: CachePolicy(freshFor: .seconds(60)), clock: clock, logger: Logger(label: "test"))
        let upstream = self.upstream
        let answer = try await cache.read(key: key, tags: tags) { () async throws(GatewayError) -> UpstreamResponse in
            try await upstream.next()
        }
        #expect(String(buffer: answer.response.body) == "v1")
        #expect(answer.cacheStatus == "HubGate; hit")
        #expect(upstream.calls == 0)
    }

    private func waitUntil(_ condition: @escaping () async -> Bool) async throws {
        for _ in 0..<500 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(2))
        }
        Issue.record("condition not reached")
    }
}

/// A wall clock that moves only when told.
final class ManualWallClock: WallClock {
    private let now: Atomic<Int64>
    init(start: Int64) { now = Atomic(start) }
    func nowMilliseconds() -> Int64 { now.load(ordering: .relaxed) }
    func advance(byMilliseconds delta: Int64) { now.add(delta, ordering: .relaxed) }
}

/// Cache storage in a dictionary: the test double for the SQLite store.
actor InMemoryCacheStorage: CacheStorage {
    private var entries: [CacheKey: CacheEntry] = [:]
    func entry(for key: CacheKey) -> CacheEntry? { entries[key] }
    @discardableResult
    func store(_ entry: CacheEntry) -> Bool {
        entries[entry.key] = entry
        return true
    }
    func invalidate(tags: Set<CacheTag>) -> Int {
        let doomed = entries.values.filter { !$0.tags.isDisjoint(with: tags) }.map(\.key)
        for key in doomed { entries[key] = nil }
        return doomed.count
    }
    func purgeAll() -> Int {
        defer { entries.removeAll() }
        return entries.count
    }
    func storageStats() -> CacheStorageStats { CacheStorageStats(memoryEntries: entries.count, diskEntries: nil, degradedReason: nil) }
    func body(for key: CacheKey) -> String? { entries[key].map { String(decoding: $0.response.body, as: UTF8.self) } }
}

/// Storage whose first lookup misses, as if the entry was stored just after the reader looked.
actor MissOnceStorage: CacheStorage {
    private let inner: InMemoryCacheStorage
    private var missed = false
    init(wrapping inner: InMemoryCacheStorage) { self.inner = inner }
    func entry(for key: CacheKey) async -> CacheEntry? {
        if !missed {
            missed = true
            return nil
        }
        return await inner.entry(for: key)
    }
    func store(_ entry: CacheEntry) async -> Bool { await inner.store(entry) }
    func invalidate(tags: Set<CacheTag>) async -> Int { await inner.invalidate(tags: tags) }
    func purgeAll() async -> Int { await inner.purgeAll() }
    func storageStats() async -> CacheStorageStats { await inner.storageStats() }
}

/// An upstream that answers from a script, counting calls.
final class ScriptedUpstream: Sendable {
    enum Step: Sendable {
        case ok(String, delayMilliseconds: Int = 0)
        case status(Int)
        case failure(GatewayError)
    }
    private let steps = Mutex<[Step]>([])
    private let count = Atomic<Int>(0)

    var calls: Int { count.load(ordering: .relaxed) }
    func script(_ steps: [Step]) { self.steps.withLock { $0 = steps } }

    func next() async throws(GatewayError) -> UpstreamResponse {
        count.add(1, ordering: .relaxed)
        let step = steps.withLock { $0.isEmpty ? Step.status(500) : $0.removeFirst() }
        switch step {
        case .ok(let body, let delay):
            if delay > 0 { try? await Task.sleep(for: .milliseconds(delay)) }
            return UpstreamResponse(status: .ok, headerFields: [.contentType: "application/json"], body: ByteBuffer(string: body))
        case .status(let code):
            return UpstreamResponse(status: HTTPResponse.Status(code: code), body: ByteBuffer(string: "{}"))
        case .failure(let error):
            throw error
        }
    }
}
