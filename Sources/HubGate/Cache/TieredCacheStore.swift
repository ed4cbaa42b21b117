import GRDB
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

    /// Opens SQLite now (at startup, so the first request does not pay for it); whether it is in use.
    @discardableResult
    package func openDatabase() async -> Bool {
        await database(for: state.withLock { $0.disk.access(at: clock.now) }) != nil
    }

    package func entry(for key: CacheKey) async -> CacheEntry? {
        if let hit = state.withLock({ $0.memory.entry(for: key) }) {
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

    package func store(_ entry: CacheEntry) async {
        let now = clock.now
        let access = state.withLock { state in
            state.memory.insert(entry)
            let access = state.disk.access(at: now)
            if case .use = access {
                // Written below, or owed if that fails.
            } else {
                // SQLite may hold an older answer under this key. Once memory evicts this one, that
                // older answer would be served again, so its deletion is owed like an invalidation.
                state.disk.owe(.keys([entry.key]), at: now)
            }
            return access
        }
        guard let database = await database(for: access) else { return }
        do {
            try await database.store(entry)
        } catch {
            noteFailure(error, on: database)
            state.withLock { $0.disk.owe(.keys([entry.key]), at: clock.now) }
        }
    }

    @discardableResult
    package func invalidate(tags: Set<CacheTag>) async -> Int {
        await remove(.tags(tags))
    }

    @discardableResult
    package func purgeAll() async -> Int {
        await remove(.everything)
    }

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

    /// Clears memory, then SQLite (or owes SQLite the purge); the number of distinct entries removed.
    private func remove(_ purge: CachePurge) async -> Int {
        let now = clock.now
        let (removedFromMemory, access) = state.withLock { state in
            state.generation &+= 1
            var removed: Set<CacheKey>
            switch purge {
            case .entries(let keys, let tags):
                removed = state.memory.removeEntries(taggedWith: tags)
                for key in keys where state.memory.removeEntry(for: key) {
                    removed.insert(key)
                }
            case .everything:
                removed = state.memory.removeAll()
            }
            let access = state.disk.access(at: now)
            if case .use = access {
                // Delivered below, or owed if that fails.
            } else {
                // Owed now. A recovery starting with this very access settles it through its version
                // check; one already running sees the version move and applies it before finishing.
                state.disk.owe(purge, at: now)
            }
            return (removed, access)
        }
        var removed = removedFromMemory
        switch access {
        case .use(let database):
            do {
                removed.formUnion(try await database.delete(purge))
            } catch {
                noteFailure(error, on: database)
                state.withLock { $0.disk.owe(purge, at: clock.now) }
            }
        case .memoryOnly, .recover:
            _ = await database(for: access)
        }
        return removed.count
    }

    // MARK: - Faults and recovery

    /// The connection to use for `access`, running a recovery attempt first when it asks for one.
    private func database(for access: CacheDiskState<C.Instant, SQLiteCacheStore>.Access) async -> SQLiteCacheStore? {
        switch access {
        case .use(let database):
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
            var purgeVersion = purgeVersion
            while true {
                try await outcome.store.prepareForUse(purging: purge)
                let result = state.withLock {
                    $0.disk.recovered(with: outcome.store, settledVersion: purgeVersion)
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
            var metadata: Logger.Metadata = ["cache.storage.reason": "\(fault.shortDescription)"]
            // The result code tells an operator what SQLite saw; its message could carry SQL or paths.
            if let error = error as? DatabaseError {
                metadata["cache.storage.sqlite_code"] = "\(error.extendedResultCode.rawValue)"
            }
            logger.warning("Cache database out of use; serving from memory only", metadata: metadata)
        }
    }
}

extension TieredCacheStore where C == ContinuousClock {
    /// Creates a store timed by the continuous clock.
    package convenience init(configuration: CacheStoreConfiguration, logger: Logger) {
        self.init(configuration: configuration, logger: logger, clock: ContinuousClock())
    }
}
