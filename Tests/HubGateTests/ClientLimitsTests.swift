import Testing

@testable import HubGate

/// Per-client buckets by name, default limits, and shadow mode.
struct ClientLimitsTests {
    typealias Limits = ClientLimits<ManualClock>

    /// Each client has its own bucket: one client's burst does not spend another's.
    @Test func clientsAreIndependent() {
        var limits = Limits(defaultLimit: .init(quota: 1, window: .seconds(10)))
        #expect(limits.take(client: "crm-sync", at: sec(0)) == .allowed(.init(remaining: 0, resetAfter: .seconds(10))))
        #expect(limits.take(client: "crm-sync", at: sec(1)) == .limited(retryAfter: .seconds(9), .init(remaining: 0, resetAfter: .seconds(9))))
        #expect(limits.take(client: "reporting", at: sec(1)) == .allowed(.init(remaining: 0, resetAfter: .seconds(10))))
        #expect(limits.limitedCount == 1)
    }

    /// A configured limit overrides the default for that client only.
    @Test func perClientLimitOverridesDefault() {
        var limits = Limits(defaultLimit: .init(quota: 1, window: .seconds(10)), limits: ["bulk": .init(quota: 100, window: .seconds(10), burst: 50)])
        #expect(limits.limit(for: "bulk").burst == 50)
        #expect(limits.limit(for: "other").quota == 1)
        for _ in 0..<50 {
            guard case .allowed = limits.take(client: "bulk", at: sec(0)) else {
                Issue.record("bulk client limited inside its burst")
                return
            }
        }
        #expect(limits.status(client: "bulk", at: sec(0)).remaining == 0)
        #expect(limits.status(client: "never-seen", at: sec(0)) == .init(remaining: 1, resetAfter: .zero))
    }

    /// `refusal` turns away exactly the calls `take` would, and leaves the bucket untouched for
    /// every call it lets through: interleaving it with `take` changes no decision of `take`'s.
    @Test func refusalTakesOnlyRefusedCalls() {
        let limit = ClientRateLimit(quota: 4, window: .seconds(10), burst: 2)
        var plain = Limits(defaultLimit: limit)
        var checked = Limits(defaultLimit: limit)
        var random = SplitMix64(seed: 7)
        var now: Int64 = 0
        var refusals = 0
        for _ in 0..<400 {
            now += Int64.random(in: 0...1_500, using: &random)
            let at = ms(now)
            let expected = plain.take(client: "app", at: at)
            if let refusal = checked.refusal(client: "app", at: at) {
                refusals += 1
                #expect(refusal == expected)
            } else {
                #expect(checked.take(client: "app", at: at) == expected)
                if case .limited = expected { Issue.record("a call take refuses was let through") }
            }
        }
        #expect(refusals > 0 && refusals < 400)
        #expect(checked.limitedCount == plain.limitedCount)
        var shadow = Limits(defaultLimit: .init(quota: 1, window: .seconds(10)), isShadowMode: true)
        _ = shadow.take(client: "app", at: sec(0))
        #expect(shadow.refusal(client: "app", at: sec(0)) == nil)
    }

    /// Shadow mode lets every call through but reports exactly the calls enforcing mode would have limited.
    @Test func shadowModeReportsWithoutLimiting() {
        let limit = ClientRateLimit(quota: 5, window: .seconds(10), burst: 2)
        var enforcing = Limits(defaultLimit: limit)
        var shadow = Limits(defaultLimit: limit, isShadowMode: true)
        var random = SplitMix64(seed: 42)
        var now: Int64 = 0
        for _ in 0..<500 {
            now += Int64.random(in: 0...3_000, using: &random)
            let enforced = enforcing.take(client: "c", at: ms(now))
            let shadowed = shadow.take(client: "c", at: ms(now))
            switch (enforced, shadowed) {
            case (.allowed(let a), .allowed(let b)):
                #expect(a == b)
            case (.limited(let a, _), .wouldLimit(let b)):
                #expect(a == b)
            default:
                Issue.record("shadow mode diverged: \(enforced) vs \(shadowed)")
            }
        }
        #expect(shadow.limitedCount == enforcing.limitedCount)
        #expect(shadow.limitedCount > 0)
    }

    /// A reload keeps what kept clients have left (clamped to their new burst), drops removed
    /// clients' buckets, and new clients start full.
    @Test func reconfigureKeepsTokens() {
        var limits = Limits(defaultLimit: .init(quota: 10, window: .seconds(10)))
        for _ in 0..<6 { _ = limits.take(client: "billing", at: sec(0)) }
        for _ in 0..<9 { _ = limits.take(client: "reporting", at: sec(0)) }
        _ = limits.take(client: "retired", at: sec(0))
        #expect(limits.status(client: "billing", at: sec(0)).remaining == 4)

        limits.reconfigure(
            defaultLimit: .init(quota: 20, window: .seconds(10)),
            limits: ["reporting": .init(quota: 10, window: .seconds(10), burst: 2)],
            isShadowMode: true,
            clients: ["billing", "reporting", "new"],
            at: sec(0)
        )
        #expect(limits.status(client: "billing", at: sec(0)).remaining == 4, "not refilled to the new burst of 20")
        #expect(limits.status(client: "reporting", at: sec(0)).remaining == 1, "still 1 of the old 10, within the new burst of 2")
        #expect(!limits.hasBucket(for: "retired"))
        #expect(limits.take(client: "new", at: sec(0)) == .allowed(.init(remaining: 19, resetAfter: .milliseconds(500))))
        #expect(limits.isShadowMode)
        // Tokens come back at the new rate: 20 per 10 s, one per 500 ms.
        #expect(limits.status(client: "billing", at: ms(500)).remaining == 5)
    }

    /// The same limits again change nothing at all.
    @Test func reconfigureWithSameLimitsIsANoOp() {
        var limits = Limits(defaultLimit: .init(quota: 3, window: .seconds(60)))
        for _ in 0..<3 { _ = limits.take(client: "c", at: sec(0)) }
        let before = limits.status(client: "c", at: sec(7))
        limits.reconfigure(defaultLimit: .init(quota: 3, window: .seconds(60)), limits: [:], isShadowMode: false, clients: ["c"], at: sec(7))
        #expect(limits.status(client: "c", at: sec(7)) == before)
        #expect(limits.take(client: "c", at: sec(7)) == .limited(retryAfter: .seconds(13), .init(remaining: 0, resetAfter: .seconds(53))))
    }
}
