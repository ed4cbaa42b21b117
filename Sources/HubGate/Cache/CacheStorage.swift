/// Where cache entries live: a bounded memory tier in front of SQLite.
///
/// Storage problems never fail a request: a broken or missing database degrades the cache to its
/// memory tier (and, failing that, to pass-through), reported through `health`.
package protocol CacheStorage: Sendable {
    /// The entry for `key`, from memory or else from SQLite; nil on a miss or a storage failure.
    func entry(for key: CacheKey) async -> CacheEntry?

    /// The entry for `key` if the memory tier holds it, without waiting for anything (no SQLite): what
    /// the event loop may answer from. Counts as a use of the entry.
    func memoryEntry(for key: CacheKey) -> CacheEntry?

    /// Stores or replaces an entry (memory at once; SQLite before returning, unless degraded);
    /// whether either tier now holds it (`Cache-Status: stored` says so only then).
    @discardableResult
    func store(_ entry: CacheEntry) async -> Bool

    /// Removes every entry carrying any of `tags` from both tiers before returning; the number removed.
    ///
    /// If SQLite cannot be written, the memory tier is still cleared and the store remembers to purge
    /// SQLite when it recovers, so an invalidated answer can never come back from disk.
    @discardableResult
    func invalidate(tags: Set<CacheTag>) async -> Int

    /// Removes every entry carrying any of `tags` from the durable tier only, before a write that may
    /// change them is sent: if the process dies before the write's answer, no restart serves what the
    /// write may have changed. The memory tier keeps answering until the write succeeds (a rejected
    /// write changes nothing). While SQLite cannot be written, the purge is owed, as for
    /// `invalidate(tags:)`.
    func forgetDurably(tags: Set<CacheTag>) async

    /// Removes everything; the number removed.
    @discardableResult
    func purgeAll() async -> Int

    /// Counts and state, for the admin endpoint and readiness detail.
    func storageStats() async -> CacheStorageStats

    /// Gets the durable tier ready (opens SQLite) before the first request, so that request neither
    /// pays for it nor races it. A failure degrades the storage; it never throws.
    func prepare() async
}

extension CacheStorage {
    /// Nothing to prepare by default.
    package func prepare() async {}

    /// Nothing durable to forget by default.
    package func forgetDurably(tags: Set<CacheTag>) async {}

    /// No memory tier by default: every read goes through `entry(for:)`.
    package func memoryEntry(for key: CacheKey) -> CacheEntry? { nil }
}

/// What a storage reports about itself.
package struct CacheStorageStats: Sendable, Equatable {
    /// Entries in the memory tier.
    package var memoryEntries: Int
    /// Entries in SQLite (nil when it cannot be read).
    package var diskEntries: Int?
    /// nil when healthy; otherwise why SQLite is not in use (no file paths or SQL text).
    package var degradedReason: String?

    /// Creates stats.
    package init(memoryEntries: Int, diskEntries: Int?, degradedReason: String?) {
        self.memoryEntries = memoryEntries
        self.diskEntries = diskEntries
        self.degradedReason = degradedReason
    }
}
