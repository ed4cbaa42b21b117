import Testing

@testable import HubGate

/// The memory tier's bounds, recency order, tag index and replacement, without I/O.
struct MemoryCacheTierTests {
    private typealias Fixture = CacheFixtures

    /// Past the entry bound, the least recently used entry goes first, and a hit counts as a use.
    @Test func evictsLeastRecentlyUsedByCount() {
        var tier = MemoryCacheTier(maximumEntries: 3, maximumBytes: 1_000)
        tier.insert(Fixture.entry("a"))
        tier.insert(Fixture.entry("b"))
        tier.insert(Fixture.entry("c"))
        #expect(tier.entry(for: CacheKey(rawValue: "a")) != nil)
        let evicted = tier.insert(Fixture.entry("d"))
        #expect(evicted == [CacheKey(rawValue: "b")])
        #expect(tier.keysByRecency.map(\.rawValue) == ["d", "a", "c"])
        #expect(tier.count == 3)
    }

    /// Past the byte bound, as many of the oldest entries go as needed to fit the new one, and no more.
    @Test func evictsByBodyBytes() {
        var tier = MemoryCacheTier(maximumEntries: 100, maximumBytes: 100)
        tier.insert(Fixture.entry("a", bytes: 40))
        tier.insert(Fixture.entry("b", bytes: 40))
        tier.insert(Fixture.entry("c", bytes: 10))
        let evicted = tier.insert(Fixture.entry("d", bytes: 80))
        #expect(evicted.map(\.rawValue) == ["a", "b"])
        #expect(tier.keysByRecency.map(\.rawValue) == ["d", "c"])
        #expect(tier.totalBytes == 90)
    }

    /// A body larger than the whole byte bound is not kept, and drops the older entry under its key.
    @Test func refusesOversizedBodies() {
        var tier = MemoryCacheTier(maximumEntries: 10, maximumBytes: 50)
        tier.insert(Fixture.entry("a", bytes: 10))
        tier.insert(Fixture.entry("a", bytes: 51))
        #expect(tier.count == 0)
        #expect(tier.totalBytes == 0)
    }

    /// Invalidating a tag removes exactly the entries carrying it, and only those.
    @Test func removesByTag() {
        var tier = MemoryCacheTier(maximumEntries: 10, maximumBytes: 1_000)
        tier.insert(Fixture.entry("labels/0-1/0-2", tags: ["pair/0-1/0-2"]))
        tier.insert(Fixture.entry("labels/0-2/0-1", tags: ["pair/0-2/0-1"]))
        tier.insert(Fixture.entry("types", tags: ["pair/0-1/0-2", "definitions"]))
        tier.insert(Fixture.entry("definitions?", tags: ["definitions"]))
        let removed = tier.removeEntries(taggedWith: [CacheTag(rawValue: "pair/0-1/0-2")])
        #expect(Set(removed.map(\.rawValue)) == ["labels/0-1/0-2", "types"])
        #expect(Set(tier.keysByRecency.map(\.rawValue)) == ["labels/0-2/0-1", "definitions?"])
        #expect(tier.removeEntries(taggedWith: [CacheTag(rawValue: "pair/0-1/0-2")]).isEmpty)
        #expect(tier.removeEntries(taggedWith: [.definitions]).map(\.rawValue) == ["definitions?"])
    }

    /// Replacing an entry swaps its body, bytes and tags, and makes it the most recently used.
    @Test func replacesEntries() {
        var tier = MemoryCacheTier(maximumEntries: 10, maximumBytes: 1_000)
        tier.insert(Fixture.entry("a", bytes: 10, tags: ["old"]))
        tier.insert(Fixture.entry("b", bytes: 10))
        tier.insert(Fixture.entry("a", bytes: 30, tags: ["new"]))
        #expect(tier.count == 2)
        #expect(tier.totalBytes == 40)
        #expect(tier.keysByRecency.map(\.rawValue) == ["a", "b"])
        #expect(tier.removeEntries(taggedWith: [CacheTag(rawValue: "old")]).isEmpty)
        #expect(tier.entry(for: CacheKey(rawValue: "a"))?.response.body.count == 30)
        #expect(tier.removeEntries(taggedWith: [CacheTag(rawValue: "new")]).count == 1)
    }

    /// Removing everything empties the tier and leaves it usable.
    @Test func removesAll() {
        var tier = MemoryCacheTier(maximumEntries: 10, maximumBytes: 1_000)
        tier.insert(Fixture.entry("a", tags: ["t"]))
        tier.insert(Fixture.entry("b"))
        #expect(tier.removeAll().count == 2)
        #expect(tier.count == 0 && tier.totalBytes == 0)
        tier.insert(Fixture.entry("c", tags: ["t"]))
        #expect(tier.removeEntries(taggedWith: [CacheTag(rawValue: "t")]).map(\.rawValue) == ["c"])
    }

    /// For any sequence of stores, hits, removals and invalidations, the bounds hold, the books
    /// balance, and an invalidated entry is never returned until it is stored again.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func holdsBoundsAndNeverReturnsInvalidatedEntries(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let maximumEntries = Int(random.next() % 8) + 1
        let maximumBytes = Int(random.next() % 200) + 20
        var tier = MemoryCacheTier(maximumEntries: maximumEntries, maximumBytes: maximumBytes)
        // The body length each key was last stored with, while it may legitimately be present.
        var live: [String: Int] = [:]
        let tagsOfKey = { (key: Int) in ["t\(key % 3)", "u\(key % 5)"] }

        for _ in 0..<2_000 {
            let key = Int(random.next() % 20)
            let name = "k\(key)"
            switch random.next() % 10 {
            case 0...4:
                let bytes = Int(random.next() % UInt64(maximumBytes + 10))
                tier.insert(CacheFixtures.entry(name, bytes: bytes, tags: tagsOfKey(key)))
                live[name] = bytes <= maximumBytes ? bytes : nil
            case 5...7:
                if let found = tier.entry(for: CacheKey(rawValue: name)) {
                    #expect(live[name] == found.response.body.count, "returned a removed or stale entry")
                }
            case 8:
                let tag = random.next() % 2 == 0 ? "t\(key % 3)" : "u\(key % 5)"
                let removed = tier.removeEntries(taggedWith: [CacheTag(rawValue: tag)])
                for name in live.keys where tagsOfKey(Int(name.dropFirst())!).contains(tag) {
                    live[name] = nil
                }
                #expect(removed.allSatisfy { live[$0.rawValue] == nil })
            default:
                tier.removeEntry(for: CacheKey(rawValue: name))
                live[name] = nil
            }
            #expect(tier.count <= maximumEntries)
            #expect(tier.totalBytes <= maximumBytes)
            let held = tier.keysByRecency
            #expect(held.count == tier.count)
            #expect(held.allSatisfy { live[$0.rawValue] != nil }, "holds an entry that was removed")
        }
    }
}

/// A small deterministic generator, so a failing seed can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
