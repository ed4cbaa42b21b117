import Foundation
import Logging
import Synchronization

/// The cache's storage: a bounded memory tier answering hot hits, in front of SQLite for durability.
///
/// A memory hit takes one lock and copies the entry out (reference-counted storage, no allocation);
/// it never awaits SQLite. A memory miss reads SQLite and promotes what it finds. Stores reach memory
/// at once and SQLite before returning; invalidations clear memory, then SQLite.
///
/// SQLite failures never fail a call. The store degrades to memory only, says why in
/// `storageStats().degradedReason`, logs once per change, and tries SQLite again on a later operation
/// after a doubling backoff. An invalidation SQLite misses is owed, and applied before anything is
/// read from SQLite again, so an invalidated answer cannot come back from disk.
///
/// Generic over the clock that times the backoff, so tests can advance it by hand.
package final class TieredCacheStore<C: Clock>: CacheStorage where C.Duration == Duration {
    private struct State: Sendable {
        var memory: MemoryCacheTier
        var disk: CacheDiskState<C.Instant, SQLiteCacheStore>
        /// Bumped by every invalidation and purge. A SQLite read that began before a bump must not
        /// promote what it read: the invalidation may have removed it from both tiers meanwhile.
        var generation: UInt64 = 0
    }

    private let configuration: CacheStoreConfiguration
    private let logger: Logger
    private let clock: C
    private let state: Mutex<State>
    /// Written into the owed-purge marker, so that a marker this store wrote is not mistaken for one
    /// an earlier process left.
    private let instanceID = UUID().uuidString

    /// Creates a store; SQLite is opened by `openDatabase()` or else by the first operation that misses
    /// memory (nothing runs in the background).
    package init(configuration: CacheStoreConfiguration, logger: Logger, clock: C) {
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.state = Mutex(
            State(
                memory: MemoryCacheTier(
                    maximumEntries: configuration.memoryMaximumEntries,
                    maximumBytes: configuration.memoryMaximumBytes
                ),
                disk: CacheDiskState(
                    initialRetryDelay: configuration.initialRetryDelay,
                    maximumRetryDelay: configuration.maximumRetryDelay
                )
            )
        )
    }

    /// Opens SQLite before the gateway listens (see `CacheStorage.prepare()`).
    package func prepare() async {
        await openDatabase()
    }

    /// Opens SQLite now (at startup, so the first request does not pay for it); whether it is in use.
    @discardableResult
    package func openDatabase() async -> Bool {
        await database(for: state.withLock { $0.disk.access(at: clock.now) }) != nil
    }

    /// The entry for `key`: from memory without touching SQLite, else from SQLite (promoted into
    /// memory), else nil. SQLite is skipped while it is out of use or owes a purge.
    package func entry(for key: CacheKey) async -> CacheEntry? {
        if let hit = memoryEntry(for: key) {
            return hit
        }
        let now = clock.now
        let (access, generation) = state.withLock { ($0.disk.access(at: now), $0.generation) }
        guard let database = await database(for: access) else { return nil }
        do {
            guard let found = try await database.entry(for: key) else { return nil }
            return state.withLock { state in
                guard state.generation == generation else { return nil }
                state.memory.insert(found)
                return found
            }
        } catch {
            noteFailure(error, on: database)
            return nil
        }
    }

    /// The entry for `key` from the memory tier alone: one lock, no I/O.
    package func memoryEntry(for key: CacheKey) -> CacheEntry? {
        state.withLock { $0.memory.entry(for: key) }
    }

    /// Stores `entry` in memory at once and in SQLite before returning; while SQLite is out of use,
    /// in memory only, and SQLite owes the deletion of any older entry under the key. Whether either
    /// tier holds it (memory refuses an entry over its byte bound).
    @discardableResult
    package func store(_ entry: CacheEntry) async -> Bool {
        let now = clock.now
        let (access, inMemory) = state.withLock { state in
            state.memory.insert(entry)
            let access = state.disk.access(at: now)
            if case .memoryOnly = access {
                owe(.keys([entry.key]), in: &state, at: now)
            }
            return (access, state.memory.holds(entry.key))
        }
        if let database = await database(for: access) {
            do {
                try await database.store(entry)
                return true
            } catch {
                noteFailure(error, on: database)
                oweLater(.keys([entry.key]))
            }
        } else if case .recover = access {
            oweLater(.keys([entry.key]))
        }
        return inMemory
    }

    /// Removes the entries carrying any of `tags` from memory, then from SQLite (or owes SQLite the
    /// purge); how many distinct entries either tier removed.
    @discardableResult
    package func invalidate(tags: Set<CacheTag>) async -> Int {
        await remove(.tags(tags))
    }

    /// Removes the entries carrying any of `tags` from SQLite alone (or owes SQLite the purge), before
    /// a write that may change them is sent; memory keeps answering.
    package func forgetDurably(tags: Set<CacheTag>) async {
        _ = await remove(.tags(tags), fromMemory: false)
    }

    /// Removes everything from memory, then from SQLite (or owes it); how many entries were removed.
    @discardableResult
    package func purgeAll() async -> Int {
        await remove(.everything)
    }

    /// Why SQLite is out of use, as a fixed phrase; nil when it is in use. Unlike `storageStats()` this
    /// neither queries nor tries to recover SQLite, so a readiness probe can call it freely.
    package var degradedReason: String? {
        state.withLock { $0.disk.degradedReason }
    }

    /// Entries in each tier and why SQLite is out of use, if it is. Counting SQLite is a query, so
    /// this is for the admin endpoint and readiness, not the request path.
    package func storageStats() async -> CacheStorageStats {
        let now = clock.now
        let access = state.withLock { $0.disk.access(at: now) }
        var diskEntries: Int?
        if let database = await database(for: access) {
            do {
                diskEntries = try await database.entryCount()
            } catch {
                noteFailure(error, on: database)
            }
        }
        return state.withLock { state in
            CacheStorageStats(
                memoryEntries: state.memory.count,
                diskEntries: diskEntries,
                degradedReason: state.disk.degradedReason
            )
        }
    }

    // MARK: - Removal

    /// Clears memory (unless `fromMemory` is false), then SQLite (or owes SQLite the purge); the
    /// number of distinct entries removed.
    private func remove(_ purge: CachePurge, fromMemory: Bool = true) async -> Int {
        let now = clock.now
        var removed = state.withLock { state in
            let removed = fromMemory ? Self.removeFromMemory(purge, in: &state) : []
            let access = state.disk.access(at: now)
            if case .memoryOnly = access {
                owe(purge, in: &state, at: now)
            }
            return (removed, access)
        }
        let access = removed.1
        if let database = await database(for: access) {
            do {
                removed.0.formUnion(try await database.delete(purge))
            } catch {
                noteFailure(error, on: database)
                oweLater(purge)
            }
        } else if case .recover = access {
            oweLater(purge)
        }
        // A miss may have read SQLite before the deletion committed and promoted what it found since
        // the first clear; clearing again removes that, and the generation bump turns away promotions
        // still in flight.
        guard fromMemory else { return removed.0.count }
        return state.withLock { state in
            removed.0.union(Self.removeFromMemory(purge, in: &state)).count
        }
    }

    private static func removeFromMemory(_ purge: CachePurge, in state: inout State) -> Set<CacheKey> {
        state.generation &+= 1
        switch purge {
        case .entries(let keys, let tags):
            var removed = state.memory.removeEntries(taggedWith: tags)
            for key in keys where state.memory.removeEntry(for: key) {
                removed.insert(key)
            }
            return removed
        case .everything:
            return state.memory.removeAll()
        }
    }

    // MARK: - Faults and recovery

    /// The connection to use for `access`, running a recovery attempt first when it asks for one.
    private func database(for access: CacheDiskState<C.Instant, SQLiteCacheStore>.Access) async -> SQLiteCacheStore? {
        switch access {
        case .use(let database):
            // A file deleted while open takes writes that no restart will see: out of use until a
            // fresh file is opened at the path.
            guard database.isStillAtPath else {
                noteFailure(CacheStoreFault.removed, on: database)
                // Whatever is at the path when it comes back (a fresh file, or a restored copy of an
                // old one) is emptied before use.
                oweLater(.everything)
                return nil
            }
            return database
        case .memoryOnly:
            return nil
        case .recover(let discardingExisting, let purge, let purgeVersion):
            return await recover(discardingExisting: discardingExisting, purge: purge, purgeVersion: purgeVersion)
        }
    }

    /// Opens SQLite and settles what is owed before anything is read from it; nil if that fails.
    private func recover(discardingExisting: Bool, purge: CachePurge?, purgeVersion: Int) async -> SQLiteCacheStore? {
        do {
            let outcome = try await SQLiteCacheStore.open(
                path: configuration.path,
                busyTimeout: configuration.busyTimeout,
                discardingExisting: discardingExisting
            )
            if let quarantinedPath = outcome.quarantinedPath {
                logger.warning(
                    "Corrupt cache database moved aside; starting a fresh one",
                    metadata: ["cache.storage.quarantined_path": "\(quarantinedPath)"]
                )
            }
            var purge = purge
            if let owner = outcome.owedPurgeMarkerOwner, owner != instanceID {
                logger.warning("Cache database owed a purge when last used; purging it before use")
                purge = .everything
            }
            var purgeVersion = purgeVersion
            while true {
                try await outcome.store.prepareForUse(purging: purge)
                let result = state.withLock { state in
                    let result = state.disk.recovered(with: outcome.store, settledVersion: purgeVersion)
                    if case .healthy = result {
                        // Enqueued under the lock so that it runs after any marker write decided
                        // before this point and before any decided after it.
                        SQLiteCacheStore.clearOwedPurge(path: configuration.path)
                    }
                    return result
                }
                switch result {
                case .healthy(let change):
                    log(change)
                    return outcome.store
                case .purgeAgain(let owed, let version):
                    purge = owed
                    purgeVersion = version
                }
            }
        } catch {
            let fault = CacheStoreFault(classifying: error)
            log(state.withLock { $0.disk.recoveryFailed(fault, at: clock.now) }, error: error)
            return nil
        }
    }

    /// Records what SQLite owes; the first debt of an outage is also marked on disk, in case the
    /// process restarts before SQLite recovers.
    private func owe(_ purge: CachePurge, in state: inout State, at now: C.Instant) {
        if state.disk.owe(purge, at: now) {
            // Only an enqueue, not I/O: done under the lock to keep marker writes and clears in the
            // order the state machine decided them.
            SQLiteCacheStore.recordOwedPurge(path: configuration.path, owner: instanceID, logger: logger)
        }
    }

    /// Owes `purge` after SQLite failed to take it (the lock was not held across the attempt).
    private func oweLater(_ purge: CachePurge) {
        let now = clock.now
        state.withLock { owe(purge, in: &$0, at: now) }
    }

    private func noteFailure(_ error: any Error, on database: SQLiteCacheStore) {
        let fault = CacheStoreFault(classifying: error)
        log(state.withLock { $0.disk.failed(fault, on: database, at: clock.now) }, error: error)
    }

    private func log(_ change: CacheDiskState<C.Instant, SQLiteCacheStore>.Change?, error: (any Error)? = nil) {
        switch change {
        case nil:
            break
        case .opened:
            logger.debug("Cache database opened")
        case .recovered:
            logger.notice("Cache database recovered; serving from memory and SQLite again")
        case .degraded(let fault):
            logger.warning("Cache database out of use; serving from memory only", metadata: fault.logMetadata(prefix: "cache.storage", error: error))
        }
    }
}

/// The production clock.
extension TieredCacheStore where C == ContinuousClock {
    /// Creates a store timed by the continuous clock.
    package convenience init(configuration: CacheStoreConfiguration, logger: Logger) {
        self.init(configuration: configuration, logger: logger, clock: ContinuousClock())
    }
}
