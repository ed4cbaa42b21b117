import HubSpotModel
import Logging
import Synchronization

/// The remembered v3 names: a memory copy (`LabelNameBook`) answering every lookup, in front of a
/// `label_name` table in the cache's SQLite file (`SQLiteLabelNameStore`) for restarts.
///
/// Follows the cache store's way with SQLite: a failure never fails a call. The store degrades to
/// memory only, logs once per change, and tries SQLite again on a later call after a doubling
/// backoff (the same `CacheDiskState` machine). Changes made meanwhile are kept and written, in order,
/// when SQLite is back; what the file held is merged in then without overriding newer memory. With no
/// path (cache disabled) it is memory only from the start.
///
/// Generic over the clock that times the backoff, so tests can advance it by hand.
package final class LabelNameStore<C: Clock>: LabelNameStorage where C.Duration == Duration {
    private struct State: Sendable {
        var book = LabelNameBook()
        var disk: CacheDiskState<C.Instant, SQLiteLabelNameStore>
    }

    private let path: String?
    private let busyTimeout: Duration
    private let clock: C
    private let logger: Logger
    private let state: Mutex<State>

    /// Creates a store over the SQLite file at `path` (nil: memory only). Nothing is opened until
    /// `prepare()` or the first call.
    package init(
        path: String?,
        busyTimeout: Duration = .milliseconds(250),
        initialRetryDelay: Duration = .seconds(1),
        maximumRetryDelay: Duration = .seconds(60),
        logger: Logger,
        clock: C
    ) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.clock = clock
        self.logger = logger
        self.state = Mutex(State(disk: CacheDiskState(initialRetryDelay: initialRetryDelay, maximumRetryDelay: maximumRetryDelay)))
    }

    /// Opens SQLite and loads the names it holds.
    package func prepare() async {
        _ = await database(for: access())
    }

    /// The names for `from → to`, from memory. While SQLite is out of use and a retry is due, this
    /// call makes the attempt, so names stored by an earlier run arrive even if no label is written.
    package func names(from: ObjectType, to: ObjectType) async -> [AssociationTypeKey: String] {
        let (names, access) = state.withLock { state in
            (state.book.names(from: from, to: to), path == nil ? nil : state.disk.access(at: clock.now))
        }
        guard case .recover = access else { return names }
        _ = await database(for: access)
        return state.withLock { $0.book.names(from: from, to: to) }
    }

    /// Records `change` in memory, then in SQLite; kept for later if SQLite cannot take it now.
    package func record(_ change: LabelNameChange) async {
        let access = state.withLock { state -> CacheDiskState<C.Instant, SQLiteLabelNameStore>.Access? in
            guard path != nil else {
                state.book.apply(change, isSaved: true)
                return nil
            }
            let access = state.disk.access(at: clock.now)
            if case .use = access {
                state.book.apply(change, isSaved: true)
            } else {
                // Kept for the recovery (this call's, or a later one) to write.
                state.book.apply(change, isSaved: false)
            }
            return access
        }
        guard case .use(let database) = access else {
            _ = await self.database(for: access)
            return
        }
        do {
            try await database.apply([change])
        } catch {
            state.withLock { $0.book.restore(unsaved: [change]) }
            noteFailure(error, on: database)
        }
    }

    /// How many names memory holds and why SQLite is out of use, if it is.
    package var statistics: (count: Int, degradedReason: String?) {
        state.withLock { ($0.book.count, path == nil ? "memory only" : $0.disk.degradedReason) }
    }

    // MARK: - SQLite

    private func access() -> CacheDiskState<C.Instant, SQLiteLabelNameStore>.Access? {
        guard path != nil else { return nil }
        return state.withLock { $0.disk.access(at: clock.now) }
    }

    /// The connection for `access`, recovering first when it asks for it.
    private func database(for access: CacheDiskState<C.Instant, SQLiteLabelNameStore>.Access?) async -> SQLiteLabelNameStore? {
        switch access {
        case .use(let database): database
        case .recover: await recover()
        case .memoryOnly, nil: nil
        }
    }

    /// Opens SQLite, writes what memory holds that SQLite does not, merges what SQLite holds into
    /// memory, and only then declares it healthy. Changes recorded during the attempt are written
    /// by the loop before it ends, so none is left behind.
    private func recover() async -> SQLiteLabelNameStore? {
        guard let path else { return nil }
        do {
            let database = try await SQLiteLabelNameStore.open(path: path, busyTimeout: busyTimeout)
            var loaded = false
            while true {
                let pending = state.withLock { $0.book.takeUnsaved() }
                do {
                    try await database.apply(pending)
                } catch {
                    state.withLock { $0.book.restore(unsaved: pending) }
                    throw error
                }
                let stored = loaded ? [] : try await database.records()
                loaded = true
                // Healthy only once nothing is left unsaved: a change recorded while this ran saw
                // the store recovering, kept its change for it, and is written by the next turn.
                let settled = state.withLock { state -> CacheDiskState<C.Instant, SQLiteLabelNameStore>.Change?? in
                    state.book.merge(stored: stored)
                    guard state.book.unsaved.isEmpty,
                        case .healthy(let change) = state.disk.recovered(with: database, settledVersion: 0)
                    else { return .none }
                    return .some(change)
                }
                if let change = settled {
                    log(change)
                    return database
                }
            }
        } catch {
            let fault = CacheStoreFault(classifying: error)
            log(state.withLock { $0.disk.recoveryFailed(fault, at: clock.now) }, error: error)
            return nil
        }
    }

    private func noteFailure(_ error: any Error, on database: SQLiteLabelNameStore) {
        let fault = CacheStoreFault(classifying: error)
        log(state.withLock { $0.disk.failed(fault, on: database, at: clock.now) }, error: error)
    }

    private func log(_ change: CacheDiskState<C.Instant, SQLiteLabelNameStore>.Change?, error: (any Error)? = nil) {
        switch change {
        case nil:
            break
        case .opened:
            logger.debug("Label name table opened")
        case .recovered:
            logger.notice("Label name table recovered; names are stored again")
        case .degraded(let fault):
            logger.warning("Label name table out of use; names created now last until exit unless it recovers", metadata: fault.logMetadata(prefix: "label_names.storage", error: error))
        }
    }
}

/// The production clock.
extension LabelNameStore where C == ContinuousClock {
    /// Creates a store timed by the continuous clock.
    package convenience init(path: String?, logger: Logger) {
        self.init(path: path, logger: logger, clock: ContinuousClock())
    }
}
