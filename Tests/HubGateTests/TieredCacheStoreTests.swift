import Foundation
import Testing

@testable import HubGate

/// The tiered store on a healthy SQLite file: round trips, promotion, persistence, invalidation, stats.
struct TieredCacheStoreTests {
    private typealias Fixture = CacheFixtures

    private func makeStore(
        path: String,
        maximumEntries: Int = 100,
        recorder: LogRecorder = LogRecorder()
    ) -> TieredCacheStore<ManualClock> {
        TieredCacheStore(
            configuration: Fixture.configuration(path: path, maximumEntries: maximumEntries),
            logger: recorder.logger(),
            clock: ManualClock()
        )
    }

    /// What is stored comes back whole: status, content type, body, time and tags.
    @Test func roundTrips() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = makeStore(path: directory.file("cache.sqlite"))
        let entry = Fixture.entry("labels/0-1/0-2", bytes: 64, tags: ["pair/0-1/0-2", "definitions"])
        await store.store(entry)
        #expect(await store.entry(for: entry.key) == entry)
        #expect(await store.entry(for: CacheKey(rawValue: "missing")) == nil)
    }

    /// An entry evicted from memory is read from SQLite and promoted back into memory.
    @Test func promotesFromSQLiteAfterEviction() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = makeStore(path: directory.file("cache.sqlite"), maximumEntries: 1)
        let first = Fixture.entry("a", tags: ["t"])
        await store.store(first)
        await store.store(Fixture.entry("b"))
        #expect(await store.storageStats().memoryEntries == 1)
        #expect(await store.entry(for: first.key) == first)
        // Promoted: "a" now holds the single memory slot, and its tag still reaches it there.
        #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 1, diskEntries: 2, degradedReason: nil))
        #expect(await store.invalidate(tags: [CacheTag(rawValue: "t")]) == 1)
        #expect(await store.entry(for: first.key) == nil)
    }

    /// Before a label write: its entries leave SQLite but stay in memory, so the running process keeps
    /// answering them (a rejected write changes nothing) and a restart after a crash cannot.
    @Test func forgetsDurablyWithoutTouchingMemory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let labels = Fixture.entry("labels/0-1/0-2", tags: ["pair/0-1/0-2"])
        let other = Fixture.entry("labels/0-3/0-5", tags: ["pair/0-3/0-5"])
        do {
            let store = makeStore(path: path)
            await store.store(labels)
            await store.store(other)
            await store.forgetDurably(tags: [CacheTag(rawValue: "pair/0-1/0-2")])
            #expect(store.memoryEntry(for: labels.key) == labels)
            #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 2, diskEntries: 1, degradedReason: nil))
        }
        let restarted = makeStore(path: path)
        #expect(await restarted.entry(for: labels.key) == nil)
        #expect(await restarted.entry(for: other.key) == other)
    }

    /// A new store on the same file answers from SQLite what the previous one stored.
    @Test func survivesRestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("nested/dir/cache.sqlite")
        let entry = Fixture.entry("definitions?after=&limit=", bytes: 300, tags: ["definitions"])
        do {
            let store = makeStore(path: path)
            await store.store(entry)
        }
        let restarted = makeStore(path: path)
        #expect(await restarted.storageStats().memoryEntries == 0)
        #expect(await restarted.entry(for: entry.key) == entry)
    }

    /// Invalidation removes tagged entries from memory and from SQLite, leaving the others.
    @Test func invalidatesBothTiers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let store = makeStore(path: path)
        await store.store(Fixture.entry("labels/0-1/0-2", tags: ["pair/0-1/0-2"]))
        await store.store(Fixture.entry("labels/0-2/0-1", tags: ["pair/0-2/0-1"]))
        await store.store(Fixture.entry("types/contact/company", tags: ["pair/0-1/0-2", "pair/0-2/0-1"]))
        let removed = await store.invalidate(tags: [CacheTag(rawValue: "pair/0-1/0-2")])
        #expect(removed == 2)
        #expect(await store.entry(for: CacheKey(rawValue: "labels/0-1/0-2")) == nil)
        #expect(await store.entry(for: CacheKey(rawValue: "types/contact/company")) == nil)
        let restarted = makeStore(path: path)
        #expect(await restarted.entry(for: CacheKey(rawValue: "labels/0-1/0-2")) == nil)
        #expect(await restarted.entry(for: CacheKey(rawValue: "labels/0-2/0-1")) != nil)
        #expect(await restarted.storageStats().diskEntries == 1)
    }

    /// An entry that only SQLite still holds is invalidated too, and counted.
    @Test func invalidatesEntriesOnlyOnDisk() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = makeStore(path: directory.file("cache.sqlite"), maximumEntries: 1)
        await store.store(Fixture.entry("a", tags: ["t"]))
        await store.store(Fixture.entry("b", tags: ["t"]))
        #expect(await store.invalidate(tags: [CacheTag(rawValue: "t")]) == 2)
        #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 0, diskEntries: 0, degradedReason: nil))
    }

    /// Replacing an entry replaces its tags on disk as well.
    @Test func replacesTagsOnDisk() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let store = makeStore(path: path)
        await store.store(Fixture.entry("a", bytes: 1, tags: ["old"]))
        await store.store(Fixture.entry("a", bytes: 2, tags: ["new"]))
        #expect(await store.invalidate(tags: [CacheTag(rawValue: "old")]) == 0)
        let restarted = makeStore(path: path)
        #expect(await restarted.entry(for: CacheKey(rawValue: "a"))?.response.body.count == 2)
        #expect(await restarted.invalidate(tags: [CacheTag(rawValue: "new")]) == 1)
    }

    /// Purging removes everything from both tiers and reports how many entries went.
    @Test func purgesEverything() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let store = makeStore(path: path, maximumEntries: 2)
        for name in ["a", "b", "c"] {
            await store.store(Fixture.entry(name, tags: [name]))
        }
        #expect(await store.purgeAll() == 3)
        #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 0, diskEntries: 0, degradedReason: nil))
        #expect(await makeStore(path: path).entry(for: CacheKey(rawValue: "a")) == nil)
    }

    /// Stats count both tiers; opening is logged once, and nothing else is.
    @Test func reportsStats() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let recorder = LogRecorder()
        let store = makeStore(path: directory.file("cache.sqlite"), maximumEntries: 2, recorder: recorder)
        #expect(await store.openDatabase())
        for name in ["a", "b", "c"] {
            await store.store(Fixture.entry(name))
        }
        #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 2, diskEntries: 3, degradedReason: nil))
        #expect(recorder.records.map(\.message) == ["Cache database opened"])
    }

    /// A miss that reads SQLite while an invalidation of the same entry runs never puts the
    /// invalidated entry back into memory.
    @Test func concurrentInvalidationBeatsPromotion() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = makeStore(path: directory.file("cache.sqlite"), maximumEntries: 1)
        for round in 0..<400 {
            let entry = Fixture.entry("k\(round)", tags: ["t\(round)"])
            await store.store(entry)
            await store.store(Fixture.entry("filler"))
            async let read = store.entry(for: entry.key)
            async let removed = store.invalidate(tags: [CacheTag(rawValue: "t\(round)")])
            _ = await (read, removed)
            #expect(await store.entry(for: entry.key) == nil, "round \(round) resurrected the entry")
        }
    }
}
