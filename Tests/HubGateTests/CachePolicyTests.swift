import Testing

@testable import HubGate

/// Freshness decisions over entry age, with plain millisecond times.
struct CachePolicyTests {
    let policy = CachePolicy(freshFor: .seconds(60), staleWhileRevalidate: .seconds(120), staleIfError: .seconds(600))

    /// Within the TTL an entry is fresh, with the time it has left.
    @Test func freshWithinTTL() {
        #expect(policy.decision(storedAt: 1_000_000, now: 1_000_000) == .fresh(remainingMilliseconds: 60_000))
        #expect(policy.decision(storedAt: 1_000_000, now: 1_059_999) == .fresh(remainingMilliseconds: 1))
    }

    /// After the TTL, for the revalidation window, it is served stale while refreshing.
    @Test func staleWhileRevalidateAfterTTL() {
        #expect(policy.decision(storedAt: 0, now: 60_000) == .staleWhileRevalidate(staleMilliseconds: 0))
        #expect(policy.decision(storedAt: 0, now: 179_999) == .staleWhileRevalidate(staleMilliseconds: 119_999))
    }

    /// Past that window it must be fetched again, and can stand in for a failure until staleIfError.
    @Test func mustRevalidateAfterWindow() {
        #expect(policy.decision(storedAt: 0, now: 180_000) == .mustRevalidate(staleMilliseconds: 120_000, servableOnError: true))
        #expect(policy.decision(storedAt: 0, now: 600_000) == .mustRevalidate(staleMilliseconds: 540_000, servableOnError: true))
        #expect(policy.decision(storedAt: 0, now: 600_001) == .mustRevalidate(staleMilliseconds: 540_001, servableOnError: false))
    }

    /// A clock that went backwards makes an entry look new, never negative-aged.
    @Test func clockSkewCountsAsFresh() {
        #expect(policy.decision(storedAt: 10_000, now: 5_000) == .fresh(remainingMilliseconds: 60_000))
    }

    /// For every age the verdicts partition time in order: fresh, then revalidating, then must revalidate.
    @Test func decisionsAreMonotonic() {
        var phase = 0
        for age in stride(from: Int64(0), through: 700_000, by: 997) {
            let current: Int
            switch policy.decision(storedAt: 0, now: age) {
            case .fresh: current = 0
            case .staleWhileRevalidate: current = 1
            case .mustRevalidate: current = 2
            }
            #expect(current >= phase)
            phase = current
        }
        #expect(phase == 2)
    }
}
