import HTTPTypes
import Logging
import NIOCore
import Synchronization

/// Answers cacheable reads (association labels and definitions) from the cache where the policy
/// allows, fetching from HubSpot at most once per key at a time, and forgets what writes invalidate.
///
/// Read-your-writes through HubGate: `invalidate(tags:)` returns only once both tiers are cleared,
/// and it starts a new generation, so neither a fetch that began before the write can store its
/// older answer afterwards, nor can a read that arrives after the write join such a fetch.
package final class LabelCache: Sendable {
    /// Counters for `/cache/stats`.
    package let statistics: CacheStatistics
    private let storage: any CacheStorage
    /// Behind a lock so a reload can change the TTLs while reads run; entries keep their storage
    /// time, so a new TTL applies at once to everything already cached.
    private let currentPolicy: Mutex<CachePolicy>
    private let clock: any WallClock
    private let logger: Logger
    private let flights = SingleFlight<String, FetchResult>()
    private let generation = Atomic<UInt64>(0)

    /// One upstream fetch's outcome, shared by everyone who waited for it.
    private struct FetchResult: Sendable {
        var response: UpstreamResponse
        var stored: Bool
        /// A fresh entry found when the flight began: another flight stored it after this reader
        /// missed, so no upstream call was needed.
        var freshEntry: CacheEntry?
    }

    /// Creates a cache over `storage`, counting what it does in `statistics` (and `metrics`).
    package init(storage: any CacheStorage, policy: CachePolicy, clock: any WallClock = SystemWallClock(), metrics: GatewayMetrics? = nil, logger: Logger) {
        self.statistics = CacheStatistics(metrics: metrics)
        self.storage = storage
        self.currentPolicy = Mutex(policy)
        self.clock = clock
        self.logger = logger
    }

    /// The answer for a cacheable read.
    ///
    /// - Parameters:
    ///   - key: the normalised identity of the read.
    ///   - tags: what invalidates it.
    ///   - fetch: the upstream call, made only when the cache cannot answer.
    package func read(
        key: CacheKey,
        tags: Set<CacheTag>,
        fetch: @escaping @Sendable () async throws(GatewayError) -> UpstreamResponse
    ) async throws(GatewayError) -> CacheAnswer {
        let now = clock.nowMilliseconds()
        guard let entry = await storage.entry(for: key) else {
            statistics.recordMiss()
            return try await fetchAnswer(key: key, tags: tags, fetch: fetch, stale: nil, now: now)
        }
        switch self.policy.decision(storedAt: entry.storedAt, now: now) {
        case .fresh(let remaining):
            statistics.recordHit()
            return cached(entry, now: now, status: Self.hitStatus(remaining: remaining))
        case .staleWhileRevalidate(let stale):
            statistics.recordStale()
            refreshInBackground(key: key, tags: tags, fetch: fetch)
            return cached(entry, now: now, status: "HubGate; hit; ttl=-\(stale / 1000); detail=stale-while-revalidate")
        case .mustRevalidate(_, let servableOnError):
            statistics.recordMiss()
            return try await fetchAnswer(key: key, tags: tags, fetch: fetch, stale: servableOnError ? entry : nil, now: now)
        }
    }

    /// A fresh answer for `key` from the memory tier, or nil when answering would need SQLite, a
    /// revalidation or HubSpot (the caller then uses `read`). Records nothing: the caller counts the
    /// hit with `statistics.recordHit()` once it really answers with it.
    package func freshMemoryAnswer(for key: CacheKey) -> CacheAnswer? {
        guard let entry = storage.memoryEntry(for: key) else { return nil }
        let now = clock.nowMilliseconds()
        guard case .fresh(let remaining) = self.policy.decision(storedAt: entry.storedAt, now: now) else { return nil }
        return cached(entry, now: now, status: Self.hitStatus(remaining: remaining))
    }

    /// The freshness windows in force.
    package var policy: CachePolicy { currentPolicy.withLock { $0 } }

    /// Adopts new freshness windows (a configuration reload); cached entries stay.
    package func reconfigure(policy: CachePolicy) {
        currentPolicy.withLock { $0 = policy }
    }

    /// Opens the durable tier; call before the gateway accepts requests.
    package func prepare() async {
        await storage.prepare()
    }

    /// Forgets every entry carrying one of `tags`, in both tiers, before returning.
    package func invalidate(tags: Set<CacheTag>) async {
        generation.add(1, ordering: .sequentiallyConsistent)
        statistics.recordInvalidation()
        let removed = await storage.invalidate(tags: tags)
        logger.debug("Cache invalidated", metadata: ["cache.tags": "\(tags.map(\.rawValue).sorted())", "cache.removed": "\(removed)"])
    }

    /// Before a write that may change the entries carrying `tags` is sent: removes them from SQLite
    /// (not from memory), so a process that dies before the write's answer cannot serve them after a
    /// restart, and keeps fetches already under way from storing what they read.
    package func prepareForWrite(tags: Set<CacheTag>) async {
        generation.add(1, ordering: .sequentiallyConsistent)
        await storage.forgetDurably(tags: tags)
    }

    /// Forgets everything.
    @discardableResult
    package func purgeAll() async -> Int {
        generation.add(1, ordering: .sequentiallyConsistent)
        statistics.recordInvalidation()
        return await storage.purgeAll()
    }

    /// What the storage holds and whether it is degraded.
    package func storageStats() async -> CacheStorageStats {
        await storage.storageStats()
    }

    // MARK: - Upstream

    private func fetchAnswer(
        key: CacheKey,
        tags: Set<CacheTag>,
        fetch: @escaping @Sendable () async throws(GatewayError) -> UpstreamResponse,
        stale: CacheEntry?,
        now: Int64
    ) async throws(GatewayError) -> CacheAnswer {
        let outcome = await sharedFetch(key: key, tags: tags, fetch: fetch)
        if outcome.coalesced { statistics.recordCoalesced() }
        let forwarded = stale == nil ? "fwd=miss" : "fwd=stale"
        let collapsed = outcome.coalesced ? "; collapsed" : ""
        switch outcome.result {
        case .success(let result) where result.freshEntry != nil:
            return cached(result.freshEntry!, now: clock.nowMilliseconds(), status: "HubGate; hit\(collapsed)")
        case .success(let result):
            if let stale, Self.isFailure(result.response.status) {
                statistics.recordStale()
                return cached(stale, now: now, status: "HubGate; \(forwarded); fwd-status=\(result.response.status.code)\(collapsed); detail=stale-if-error")
            }
            let stored = result.stored ? "; stored" : ""
            let status = result.response.status == .ok ? "" : "; fwd-status=\(result.response.status.code)"
            return CacheAnswer(response: result.response, source: .upstream, cacheStatus: "HubGate; \(forwarded)\(status)\(stored)\(collapsed)")
        case .failure(let error):
            let gatewayError = error as? GatewayError ?? .internalError
            if let stale {
                statistics.recordStale()
                return cached(stale, now: now, status: "HubGate; \(forwarded)\(collapsed); detail=stale-if-error-\(gatewayError.shortDescription)")
            }
            throw gatewayError
        }
    }

    /// One upstream call per key and generation; stores a 200 unless a write invalidated in between.
    private func sharedFetch(
        key: CacheKey,
        tags: Set<CacheTag>,
        fetch: @escaping @Sendable () async throws(GatewayError) -> UpstreamResponse
    ) async -> SingleFlight<String, FetchResult>.Outcome {
        let startGeneration = generation.load(ordering: .sequentiallyConsistent)
        return await flights.value(for: "\(startGeneration)|\(key.rawValue)") { [self] in
            // Between this reader's miss and its flight, an earlier flight may have stored the answer.
            if let entry = await storage.entry(for: key),
                case .fresh = self.policy.decision(storedAt: entry.storedAt, now: clock.nowMilliseconds())
            {
                return FetchResult(response: UpstreamResponse(status: .ok), stored: false, freshEntry: entry)
            }
            // Shared by every client that joins the flight: the leader's client leaving must not
            // withdraw it from the budget queue.
            let response = try await ClientDisconnection.$current.withValue(nil) { try await fetch() }
            guard response.status == .ok, generation.load(ordering: .sequentiallyConsistent) == startGeneration else {
                return FetchResult(response: response, stored: false, freshEntry: nil)
            }
            let entry = CacheEntry(
                key: key,
                response: CachedResponse(
                    status: 200,
                    contentType: response.headerFields[.contentType] ?? "application/json",
                    body: Array(response.body.readableBytesView)
                ),
                storedAt: clock.nowMilliseconds(),
                tags: tags
            )
            let kept = await storage.store(entry)
            // A write that raced the store must still win: undo if a new generation began meanwhile.
            if generation.load(ordering: .sequentiallyConsistent) != startGeneration {
                await storage.invalidate(tags: tags)
                return FetchResult(response: response, stored: false, freshEntry: nil)
            }
            // Neither tier may have kept it (an answer over the memory bound while SQLite is out of
            // use): `Cache-Status` then says only that it was fetched.
            return FetchResult(response: response, stored: kept, freshEntry: nil)
        }
    }

    private func refreshInBackground(key: CacheKey, tags: Set<CacheTag>, fetch: @escaping @Sendable () async throws(GatewayError) -> UpstreamResponse) {
        Task {
            _ = await self.sharedFetch(key: key, tags: tags, fetch: fetch)
        }
    }

    // MARK: - Answers

    private func cached(_ entry: CacheEntry, now: Int64, status: String) -> CacheAnswer {
        var headers = HTTPFields()
        headers[.contentType] = entry.response.contentType
        let age = max(0, now - entry.storedAt) / 1000
        return CacheAnswer(
            response: UpstreamResponse(
                status: HTTPResponse.Status(code: entry.response.status),
                headerFields: headers,
                body: ByteBuffer(bytes: entry.response.body)
            ),
            source: .cache(ageSeconds: age),
            cacheStatus: status
        )
    }

    /// `Cache-Status` of a fresh hit with `remaining` milliseconds to live.
    private static func hitStatus(remaining: Int64) -> String {
        "HubGate; hit; ttl=\(remaining / 1000)"
    }

    /// Upstream answers that a stale entry may stand in for.
    private static func isFailure(_ status: HTTPResponse.Status) -> Bool {
        status == .tooManyRequests || status.kind == .serverError
    }
}
