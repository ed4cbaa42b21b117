import Testing

@testable import HubGate

/// The decisions about SQLite's use: backoff, what is owed, when it is healthy, what to log.
struct CacheDiskStateTests {
    private final class Connection: Sendable {}
    private typealias State = CacheDiskState<ManualClock.Instant, Connection>

    private let start = ManualClock.Instant(offset: .zero)

    private func at(_ seconds: Int64) -> ManualClock.Instant {
        start.advanced(by: .seconds(seconds))
    }

    private func makeState() -> State {
        State(initialRetryDelay: .seconds(1), maximumRetryDelay: .seconds(4))
    }

    /// Opens on the first access; every other access meanwhile uses memory only.
    @Test func opensOnFirstAccess() {
        var state = makeState()
        #expect(state.degradedReason == "database not opened yet")
        guard case .recover(false, nil, _) = state.access(at: start) else {
            Issue.record("expected a recovery without a purge")
            return
        }
        guard case .memoryOnly = state.access(at: start) else {
            Issue.record("a second opener must not start")
            return
        }
        let connection = Connection()
        guard case .healthy(.opened) = state.recovered(with: connection, settledVersion: 0) else {
            Issue.record("expected opened")
            return
        }
        guard case .use(let used) = state.access(at: start) else {
            Issue.record("expected use")
            return
        }
        #expect(used === connection)
        #expect(state.degradedReason == nil)
    }

    /// Failed attempts wait 1, 2, 4, 4 seconds; the same fault is logged once, a new one again.
    @Test func backsOffAndLogsOncePerChange() {
        var state = makeState()
        _ = state.access(at: at(0))
        #expect(state.recoveryFailed(.locked, at: at(0)) == .degraded(.locked))
        var now: Int64 = 0
        for delay: Int64 in [1, 2, 4, 4] {
            guard case .memoryOnly = state.access(at: at(now + delay - 1)) else {
                Issue.record("retried \(delay) s backoff early")
                return
            }
            now += delay
            guard case .recover = state.access(at: at(now)) else {
                Issue.record("did not retry after \(delay) s")
                return
            }
            #expect(state.recoveryFailed(.locked, at: at(now)) == nil)
        }
        #expect(state.degradedReason == "database is locked")
        now += 4
        _ = state.access(at: at(now))
        #expect(state.recoveryFailed(.readOnly, at: at(now)) == .degraded(.readOnly))
    }

    /// A failure on the current connection degrades once; a late failure on a replaced one is ignored.
    @Test func ignoresFailuresOfReplacedConnections() {
        var state = makeState()
        _ = state.access(at: start)
        let old = Connection()
        _ = state.recovered(with: old, settledVersion: 0)
        #expect(state.failed(.ioError, on: old, at: start) == .degraded(.ioError))
        #expect(state.failed(.ioError, on: old, at: start) == nil)
        _ = state.access(at: at(1))
        let new = Connection()
        guard case .healthy(.recovered) = state.recovered(with: new, settledVersion: 0) else {
            Issue.record("expected recovered")
            return
        }
        #expect(state.failed(.locked, on: old, at: at(1)) == nil)
        #expect(state.degradedReason == nil)
    }

    /// What is owed is handed to the next recovery, which must settle the latest version before the
    /// state becomes healthy again.
    @Test func settlesOwedPurgesBeforeHealthy() {
        var state = makeState()
        _ = state.access(at: start)
        _ = state.recoveryFailed(.locked, at: start)
        state.owe(.tags([CacheTag(rawValue: "a")]), at: start)
        guard case .recover(_, let purge?, let version) = state.access(at: at(1)) else {
            Issue.record("expected a recovery with a purge")
            return
        }
        #expect(purge == .tags([CacheTag(rawValue: "a")]))
        // Owed while the recovery runs: the recovery must go round again.
        state.owe(.keys([CacheKey(rawValue: "k")]), at: at(1))
        let connection = Connection()
        guard case .purgeAgain(let again, let newer) = state.recovered(with: connection, settledVersion: version) else {
            Issue.record("healthy with an unsettled purge")
            return
        }
        #expect(again == .entries(keys: [CacheKey(rawValue: "k")], tags: [CacheTag(rawValue: "a")]))
        guard case .healthy(.recovered) = state.recovered(with: connection, settledVersion: newer) else {
            Issue.record("expected recovered")
            return
        }
        #expect(state.owedPurge == nil)
    }

    /// Owing a purge while healthy on a connection takes SQLite out of use until it is settled.
    @Test func owingWhileHealthyForcesARecovery() {
        var state = makeState()
        _ = state.access(at: start)
        _ = state.recovered(with: Connection(), settledVersion: 0)
        state.owe(.everything, at: start)
        guard case .recover(_, .everything?, _) = state.access(at: start) else {
            Issue.record("read SQLite with a purge owed")
            return
        }
    }

    /// After corruption the recovery replaces the file instead of reopening it.
    @Test func discardsTheFileAfterCorruption() {
        var state = makeState()
        _ = state.access(at: start)
        let connection = Connection()
        _ = state.recovered(with: connection, settledVersion: 0)
        _ = state.failed(.corrupt, on: connection, at: start)
        guard case .recover(true, _, _) = state.access(at: at(1)) else {
            Issue.record("expected the corrupt file to be discarded")
            return
        }
    }

    /// Merged purges widen, and fall back to everything past the cap.
    @Test func mergesPurges() {
        let a = CachePurge.tags([CacheTag(rawValue: "a")])
        let k = CachePurge.keys([CacheKey(rawValue: "k")])
        #expect(a.merged(with: k) == .entries(keys: [CacheKey(rawValue: "k")], tags: [CacheTag(rawValue: "a")]))
        #expect(a.merged(with: .everything) == .everything)
        let many = CachePurge.keys(Set((0...CachePurge.maximumSelected).map { CacheKey(rawValue: "\($0)") }))
        #expect(a.merged(with: many) == .everything)
    }
}
