/// The hot tier of the cache: a least-recently-used set of entries bounded by count and body bytes.
///
/// A plain value with no locks, clocks or I/O, so it can be tested exhaustively; `TieredCacheStore`
/// keeps it behind a `Mutex`. Recency is a doubly linked list threaded through an array of slots
/// (indices instead of references: no allocation per hit, no reference counting of nodes), so a hit,
/// an insert and an eviction are each a dictionary lookup plus a few index writes.
package struct MemoryCacheTier: Sendable {
    /// The most entries held at once.
    package let maximumEntries: Int
    /// The most body bytes held at once (only bodies count: they dominate and are what varies).
    package let maximumBytes: Int

    /// Body bytes currently held.
    package private(set) var totalBytes = 0

    private var slots: [Slot] = []
    private var freeSlots: [Int] = []
    private var slotByKey: [CacheKey: Int] = [:]
    private var keysByTag: [CacheTag: Set<CacheKey>] = [:]
    /// Most recently used slot, or `none`.
    private var newest = Slot.none
    /// Least recently used slot (the next to evict), or `none`.
    private var oldest = Slot.none

    /// Creates an empty tier; a bound of zero means nothing is kept.
    package init(maximumEntries: Int, maximumBytes: Int) {
        precondition(maximumEntries >= 0 && maximumBytes >= 0, "memory cache bounds must not be negative")
        self.maximumEntries = maximumEntries
        self.maximumBytes = maximumBytes
    }

    /// Entries currently held.
    package var count: Int { slotByKey.count }

    /// Whether `key` is held, without counting as a use.
    package func contains(_ key: CacheKey) -> Bool {
        slotByKey[key] != nil
    }

    /// The entry for `key`, marking it most recently used; nil on a miss.
    package mutating func entry(for key: CacheKey) -> CacheEntry? {
        guard let index = slotByKey[key] else { return nil }
        moveToNewest(index)
        return slots[index].entry
    }

    /// Whether an entry is held under `key`, without counting as a use of it.
    package func holds(_ key: CacheKey) -> Bool {
        slotByKey[key] != nil
    }

    /// Stores or replaces `entry` as the most recently used, then evicts the least recently used
    /// entries until both bounds hold again; the keys evicted to make room.
    ///
    /// An entry whose body alone exceeds `maximumBytes` is not kept (and any older entry under its key
    /// is dropped, so a stale answer cannot outlive its replacement).
    @discardableResult
    package mutating func insert(_ entry: CacheEntry) -> [CacheKey] {
        let bytes = entry.response.body.count
        guard maximumEntries > 0, bytes <= maximumBytes else {
            removeEntry(for: entry.key)
            return []
        }
        if let index = slotByKey[entry.key] {
            let old = slots[index].entry
            unindexTags(of: old)
            totalBytes -= old.response.body.count
            slots[index].entry = entry
            moveToNewest(index)
        } else {
            let slot = Slot(entry: entry, newer: Slot.none, older: Slot.none)
            let index: Int
            if let reused = freeSlots.popLast() {
                index = reused
                slots[index] = slot
            } else {
                index = slots.count
                slots.append(slot)
            }
            slotByKey[entry.key] = index
            linkAsNewest(index)
        }
        totalBytes += bytes
        indexTags(of: entry)

        var evicted: [CacheKey] = []
        // The entry just inserted fits on its own, so this stops before reaching it.
        while count > maximumEntries || totalBytes > maximumBytes {
            let key = slots[oldest].entry.key
            removeEntry(for: key)
            evicted.append(key)
        }
        return evicted
    }

    /// Removes the entry for `key`; whether there was one.
    @discardableResult
    package mutating func removeEntry(for key: CacheKey) -> Bool {
        guard let index = slotByKey.removeValue(forKey: key) else { return false }
        let entry = slots[index].entry
        unindexTags(of: entry)
        totalBytes -= entry.response.body.count
        unlink(index)
        // Keep the slot's storage for reuse but drop the entry so its body is freed now.
        slots[index] = Slot(entry: Self.placeholder, newer: Slot.none, older: Slot.none)
        freeSlots.append(index)
        return true
    }

    /// Removes every entry carrying any of `tags`; the keys removed.
    @discardableResult
    package mutating func removeEntries(taggedWith tags: Set<CacheTag>) -> Set<CacheKey> {
        var keys: Set<CacheKey> = []
        for tag in tags {
            if let tagged = keysByTag[tag] {
                keys.formUnion(tagged)
            }
        }
        for key in keys {
            removeEntry(for: key)
        }
        return keys
    }

    /// Removes everything; the keys removed.
    @discardableResult
    package mutating func removeAll() -> Set<CacheKey> {
        let keys = Set(slotByKey.keys)
        self = MemoryCacheTier(maximumEntries: maximumEntries, maximumBytes: maximumBytes)
        return keys
    }

    /// Keys from most to least recently used (for tests and diagnostics; O(n)).
    package var keysByRecency: [CacheKey] {
        var keys: [CacheKey] = []
        keys.reserveCapacity(count)
        var index = newest
        while index != Slot.none {
            keys.append(slots[index].entry.key)
            index = slots[index].older
        }
        return keys
    }

    // MARK: - Recency list

    private mutating func moveToNewest(_ index: Int) {
        guard index != newest else { return }
        unlink(index)
        linkAsNewest(index)
    }

    private mutating func linkAsNewest(_ index: Int) {
        slots[index].older = newest
        slots[index].newer = Slot.none
        if newest != Slot.none {
            slots[newest].newer = index
        }
        newest = index
        if oldest == Slot.none {
            oldest = index
        }
    }

    private mutating func unlink(_ index: Int) {
        let newer = slots[index].newer
        let older = slots[index].older
        if newer != Slot.none { slots[newer].older = older } else { newest = older }
        if older != Slot.none { slots[older].newer = newer } else { oldest = newer }
        slots[index].newer = Slot.none
        slots[index].older = Slot.none
    }

    // MARK: - Tag index

    private mutating func indexTags(of entry: CacheEntry) {
        for tag in entry.tags {
            keysByTag[tag, default: []].insert(entry.key)
        }
    }

    private mutating func unindexTags(of entry: CacheEntry) {
        for tag in entry.tags {
            keysByTag[tag]?.remove(entry.key)
            if keysByTag[tag]?.isEmpty == true {
                keysByTag[tag] = nil
            }
        }
    }

    /// What a free slot holds: empty strings and arrays share static storage, so this costs nothing.
    private static let placeholder = CacheEntry(
        key: CacheKey(rawValue: ""),
        response: CachedResponse(status: 0, contentType: "", body: []),
        storedAt: 0,
        tags: []
    )

    private struct Slot: Sendable {
        static let none = -1
        var entry: CacheEntry
        var newer: Int
        var older: Int
    }
}
