/// Whether the SQLite tier may be used right now, when to try it again, and what it still owes.
///
/// A pure state machine (no I/O, time passed in) that `TieredCacheStore` keeps beside its memory tier
/// under one lock. Its events return what changed so the caller can log once per change, outside the
/// lock. Generic over the connection so tests can drive it with a stand-in.
///
/// The invariant it exists for: while a purge is owed (an invalidation SQLite did not receive), the
/// phase is never `healthy`, so nothing is read from SQLite until the purge has been applied.
package struct CacheDiskState<Instant: InstantProtocol, Connection: AnyObject & Sendable>: Sendable
where Instant.Duration == Duration {
    /// Where the SQLite tier stands.
    package enum Phase: Sendable {
        /// Not opened yet; the next operation opens it.
        case closed
        /// In use.
        case healthy(Connection)
        /// One operation is opening the file and settling what is owed; the others use memory only.
        case recovering(previous: CacheStoreFault?)
        /// Out of use until `retryAt`.
        case degraded(CacheStoreFault, retryAt: Instant)
    }

    /// What an operation should do with SQLite.
    package enum Access: Sendable {
        /// Use this connection.
        case use(Connection)
        /// Skip SQLite: serve and store in memory only.
        case memoryOnly
        /// This operation must (re)open the file and settle `purge` (at `purgeVersion`) first, then
        /// report `recovered` or `recoveryFailed`.
        case recover(discardingExisting: Bool, purge: CachePurge?, purgeVersion: Int)
    }

    /// A change worth one log line.
    package enum Change: Sendable, Equatable {
        /// SQLite went out of use for this reason (or for a different reason than before).
        case degraded(CacheStoreFault)
        /// SQLite is in use again after a fault.
        case recovered
        /// SQLite was opened for the first time.
        case opened
    }

    /// What a successful recovery attempt leads to.
    package enum RecoveryOutcome: Sendable {
        /// SQLite is in use; log `change`.
        case healthy(Change)
        /// More was owed while the attempt ran: apply this too, then report again.
        case purgeAgain(CachePurge, purgeVersion: Int)
    }

    /// The current phase.
    package private(set) var phase: Phase = .closed
    /// What SQLite still owes, if anything.
    package private(set) var owedPurge: CachePurge?
    /// Bumped on every change to `owedPurge`, so a recovery knows whether it settled the latest.
    private var purgeVersion = 0
    /// Consecutive failures, for the backoff.
    private var failureStreak = 0
    private let initialRetryDelay: Duration
    private let maximumRetryDelay: Duration

    /// Creates a closed state.
    package init(initialRetryDelay: Duration, maximumRetryDelay: Duration) {
        self.initialRetryDelay = initialRetryDelay
        self.maximumRetryDelay = max(initialRetryDelay, maximumRetryDelay)
    }

    /// Why SQLite is not in use, as a fixed phrase; nil when it is.
    package var degradedReason: String? {
        switch phase {
        case .healthy: nil
        case .closed: "database not opened yet"
        case .recovering(let previous?): previous.shortDescription
        case .recovering(nil): "database opening"
        case .degraded(let fault, _): fault.shortDescription
        }
    }

    /// Decides what an operation starting at `now` does with SQLite; starts a recovery when one is due.
    package mutating func access(at now: Instant) -> Access {
        switch phase {
        case .healthy(let connection):
            return .use(connection)
        case .recovering:
            return .memoryOnly
        case .closed:
            phase = .recovering(previous: nil)
            return .recover(discardingExisting: false, purge: owedPurge, purgeVersion: purgeVersion)
        case .degraded(let fault, let retryAt):
            guard now >= retryAt else { return .memoryOnly }
            phase = .recovering(previous: fault)
            return .recover(discardingExisting: fault.isCorruption, purge: owedPurge, purgeVersion: purgeVersion)
        }
    }

    /// Records an invalidation SQLite did not receive (skipped, or failed).
    ///
    /// If SQLite is meanwhile healthy on another connection, it is taken out of use until the purge has
    /// been applied: serving from it first could resurrect what was just invalidated.
    /// Returns whether nothing was owed before, which is when the debt must be recorded durably.
    @discardableResult
    package mutating func owe(_ purge: CachePurge, at now: Instant) -> Bool {
        let isFirst = owedPurge == nil
        owedPurge = owedPurge.map { $0.merged(with: purge) } ?? purge
        purgeVersion += 1
        if case .healthy = phase {
            phase = .degraded(.unexpected, retryAt: now)
        }
        return isFirst
    }

    /// Records that `connection` failed with `fault`; the change to log, if any.
    ///
    /// A failure on a connection that is no longer the current one (another operation already
    /// degraded or replaced it) changes nothing.
    package mutating func failed(_ fault: CacheStoreFault, on connection: Connection, at now: Instant) -> Change? {
        guard case .healthy(let current) = phase, current === connection else { return nil }
        return degrade(fault, at: now, previous: nil)
    }

    /// Records that a recovery attempt failed; the change to log, if any.
    package mutating func recoveryFailed(_ fault: CacheStoreFault, at now: Instant) -> Change? {
        guard case .recovering(let previous) = phase else { return nil }
        return degrade(fault, at: now, previous: previous)
    }

    /// Records that a recovery attempt opened `connection` and settled the purge owed at `settledVersion`.
    package mutating func recovered(with connection: Connection, settledVersion: Int) -> RecoveryOutcome {
        if settledVersion != purgeVersion, let owedPurge {
            return .purgeAgain(owedPurge, purgeVersion: purgeVersion)
        }
        let change: Change
        if case .recovering(nil) = phase { change = .opened } else { change = .recovered }
        owedPurge = nil
        failureStreak = 0
        phase = .healthy(connection)
        return .healthy(change)
    }

    private mutating func degrade(_ fault: CacheStoreFault, at now: Instant, previous: CacheStoreFault?) -> Change? {
        failureStreak += 1
        let doublings = min(failureStreak - 1, 30)
        var delay = initialRetryDelay * (1 << doublings)
        if delay > maximumRetryDelay || delay < .zero { delay = maximumRetryDelay }
        phase = .degraded(fault, retryAt: now.advanced(by: delay))
        return fault == previous ? nil : .degraded(fault)
    }
}
