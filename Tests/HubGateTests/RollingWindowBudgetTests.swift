import Testing

@testable import HubGate

/// The exact rolling window: grants, learning from HubSpot's headers and 429s, and the invariant
/// that no interval ever holds more grants than the effective limit.
struct RollingWindowBudgetTests {
    typealias Budget = RollingWindowBudget<ManualClock>

    func budget(limit: Int = 5, headroom: Int = 0, allowance: Duration = .zero) -> Budget {
        Budget(configuration: .init(limit: limit, interval: .seconds(10), headroom: headroom, latencyAllowance: allowance))
    }

    /// Grants stop at limit − headroom, and the refusal names the instant the oldest grant leaves the window.
    @Test func grantsUpToEffectiveLimit() {
        var window = budget(limit: 5, headroom: 1)
        for second in 0..<4 {
            #expect(window.reserve(at: sec(Int64(second))) == .granted)
        }
        #expect(window.reserve(at: sec(4)) == .notBefore(sec(10)))
        #expect(window.remaining(at: sec(4)) == 0)
        #expect(window.reserve(at: sec(10)) == .granted)
        #expect(window.reserve(at: sec(10)) == .notBefore(sec(11)))
    }

    /// The window rolls: grants late in one interval still count early in the next, unlike a fixed window.
    @Test func windowRollsInsteadOfResetting() {
        var window = budget(limit: 3)
        for _ in 0..<3 { #expect(window.reserve(at: ms(9_900)) == .granted) }
        #expect(window.reserve(at: sec(10)) == .notBefore(ms(19_900)))
        #expect(window.reserve(at: ms(19_899)) == .notBefore(ms(19_900)))
        #expect(window.reserve(at: ms(19_900)) == .granted)
    }

    /// The latency allowance keeps each grant counted that much longer than the interval.
    @Test func latencyAllowanceExtendsCounting() {
        var window = budget(limit: 1, allowance: .milliseconds(250))
        #expect(window.reserve(at: sec(0)) == .granted)
        #expect(window.reserve(at: sec(10)) == .notBefore(ms(10_250)))
    }

    /// A refusal records nothing: asking again many times does not push the next grant further out.
    @Test func refusalsRecordNothing() {
        var window = budget(limit: 1)
        #expect(window.reserve(at: sec(0)) == .granted)
        for _ in 0..<100 { #expect(window.reserve(at: sec(1)) == .notBefore(sec(10))) }
        #expect(window.ownCount(at: sec(1)) == 1)
    }

    /// HubSpot counting more calls than ours means others spent them: they count against the account limit.
    @Test func learnsOthersSpendFromRemaining() {
        var window = budget(limit: 10)
        #expect(window.reserve(at: sec(0)) == .granted)
        #expect(window.reserve(at: sec(0)) == .granted)
        window.observe(.init(max: 10, remaining: 5, intervalMilliseconds: 10_000), sentAt: sec(0), at: sec(1))
        #expect(window.othersCount(at: sec(1)) == 3)
        #expect(window.remaining(at: sec(1)) == 5)
        // Others' calls are stamped when learnt, so they count until one interval after that.
        #expect(window.othersCount(at: ms(10_999)) == 3)
        #expect(window.othersCount(at: sec(11)) == 0)
    }

    /// A later response showing fewer used calls does not lower the estimate of others (it may answer
    /// a call that overtook its siblings at HubSpot); the estimate falls as its stamps expire, and
    /// HubSpot never makes HubGate forget its own grants.
    @Test func neverOptimisticBeyondOwnCount() {
        var window = budget(limit: 10)
        for _ in 0..<4 { #expect(window.reserve(at: sec(0)) == .granted) }
        window.observe(.init(max: 10, remaining: 2), sentAt: sec(0), at: sec(1))
        #expect(window.remaining(at: sec(1)) == 2)
        window.observe(.init(max: 10, remaining: 5), sentAt: sec(0), at: sec(2))
        #expect(window.othersCount(at: sec(2)) == 4)
        #expect(window.remaining(at: sec(2)) == 2)
        // HubSpot claims nothing used: our four grants still count.
        window.observe(.init(max: 10, remaining: 10), sentAt: sec(0), at: sec(3))
        #expect(window.ownCount(at: sec(3)) == 4)
        #expect(window.remaining(at: sec(3)) == 2)
        // Others' calls, learnt at 1 s, stop counting at 11 s; ours, granted at 0 s, at 10 s.
        #expect(window.remaining(at: sec(10)) == 6)
        #expect(window.remaining(at: sec(11)) == 10)
    }

    /// Answers to calls sent together can come back in any order: one that reached HubSpot before
    /// its siblings shows fewer calls counted, which must not release calls HubSpot would refuse.
    @Test func outOfOrderAnswersDoNotUnderstateOthers() {
        var window = budget(limit: 20)
        #expect(window.reserve(at: ms(0)) == .granted)
        // HubSpot counted 16: ours and 15 by someone else.
        window.observe(.init(max: 20, remaining: 4, intervalMilliseconds: 10_000), sentAt: ms(0), at: ms(10))
        for _ in 0..<4 { #expect(window.reserve(at: ms(10)) == .granted) }
        // The first of the four to arrive answers before the other three have been counted.
        window.observe(.init(max: 20, remaining: 3, intervalMilliseconds: 10_000), sentAt: ms(10), at: ms(20))
        #expect(window.othersCount(at: ms(20)) == 15)
        #expect(window.remaining(at: ms(20)) == 0)
    }

    /// Our calls sent after the observed one may not have reached HubSpot yet; they are not taken as counted there.
    @Test func callsAfterTheObservedOneAreNotAssumedCounted() {
        var window = budget(limit: 10)
        #expect(window.reserve(at: ms(0)) == .granted)
        #expect(window.reserve(at: ms(500)) == .granted)
        #expect(window.reserve(at: ms(600)) == .granted)
        // The response to the first call: HubSpot had counted 2 calls, one of them ours.
        window.observe(.init(max: 10, remaining: 8), sentAt: ms(0), at: ms(700))
        #expect(window.othersCount(at: ms(700)) == 1)
    }

    /// An absurd `Max` with nothing remaining counts others up to the account limit, not beyond.
    @Test func othersAreCappedAtAccountLimit() {
        var window = budget(limit: 10)
        window.observe(.init(max: 1_000_000_000, remaining: 0), sentAt: sec(0), at: sec(0))
        #expect(window.othersCount(at: sec(0)) == 10)
        #expect(window.reserve(at: sec(0)) == .notBefore(sec(10)))
    }

    /// A lower `Max` from HubSpot lowers both limits; a higher one never raises the configured limit.
    @Test func learnsLowerMaxOnly() {
        var window = budget(limit: 10, headroom: 2)
        window.observe(.init(max: 6, intervalMilliseconds: 10_000), sentAt: sec(0), at: sec(0))
        #expect(window.accountLimit == 6)
        #expect(window.effectiveLimit == 4)
        window.observe(.init(max: 50), sentAt: sec(0), at: sec(0))
        #expect(window.accountLimit == 10)
        #expect(window.effectiveLimit == 8)
    }

    /// Figures for a different interval describe another window and teach nothing.
    @Test func ignoresOtherIntervals() {
        var window = budget(limit: 10)
        window.observe(.init(max: 2, remaining: 0, intervalMilliseconds: 1_000), sentAt: sec(0), at: sec(0))
        #expect(window.accountLimit == 10)
        #expect(window.remaining(at: sec(0)) == 10)
    }

    /// A spent secondly limit in the headers pauses grants for one second.
    @Test func spentSecondlyLimitPausesOneSecond() {
        var window = budget(limit: 10)
        window.observe(.init(secondly: 10, secondlyRemaining: 0), sentAt: sec(0), at: sec(3))
        #expect(window.reserve(at: sec(3)) == .notBefore(sec(4)))
        #expect(window.reserve(at: sec(4)) == .granted)
    }

    /// A 429 pauses the window it names: the rolling window a whole interval, the secondly one a second, daily not at all.
    @Test(arguments: [
        (RateLimitPolicy.tenSecondlyRolling, Optional(sec(12))),
        (.secondly, Optional(sec(3))),
        (.other("SOMETHING_NEW"), Optional(sec(12))),
        (.daily, nil),
    ])
    func pausesNamedWindow(policy: RateLimitPolicy, reopens: TestInstant?) {
        var window = budget(limit: 10)
        window.observe429(policy: policy, at: sec(2))
        if let reopens {
            #expect(window.remaining(at: sec(2)) == 0)
            #expect(window.reserve(at: sec(2)) == .notBefore(reopens))
            #expect(window.reserve(at: reopens) == .granted)
        } else {
            #expect(window.reserve(at: sec(2)) == .granted)
        }
    }

    /// A second 429 never shortens a pause already in force.
    @Test func pauseNeverShortens() {
        var window = budget(limit: 10)
        window.observe429(policy: .tenSecondlyRolling, at: sec(0))
        window.observe429(policy: .secondly, at: sec(1))
        #expect(window.reserve(at: sec(5)) == .notBefore(sec(10)))
    }

    /// Others' calls and ours expire in merged order: the refusal names the right instant.
    @Test func mergedExpiryOfOwnAndOthers() {
        var window = budget(limit: 3)
        #expect(window.reserve(at: sec(0)) == .granted)
        // Learnt at 4 s: two calls by others.
        window.observe(.init(max: 3, remaining: 0), sentAt: sec(0), at: sec(4))
        #expect(window.reserve(at: sec(5)) == .notBefore(sec(10)))
        #expect(window.reserve(at: sec(10)) == .granted)
        #expect(window.reserve(at: sec(11)) == .notBefore(sec(14)))
    }

    /// Headroom larger than the learnt limit slows HubGate to one call per interval instead of stopping it.
    @Test func headroomNeverCutsOff() {
        var window = budget(limit: 10, headroom: 8)
        window.observe(.init(max: 5), sentAt: sec(0), at: sec(0))
        #expect(window.effectiveLimit == 1)
        #expect(window.reserve(at: sec(0)) == .granted)
        #expect(window.reserve(at: sec(0)) == .notBefore(sec(10)))
    }

    /// An instant read slightly out of order is treated as the latest one seen, keeping grants sorted.
    @Test func outOfOrderInstantsAreClamped() {
        var window = budget(limit: 2)
        #expect(window.reserve(at: sec(5)) == .granted)
        #expect(window.reserve(at: sec(4)) == .granted)
        #expect(window.reserve(at: sec(6)) == .notBefore(sec(15)))
    }

    /// For many seeded arrival patterns, retrying at the instant named, no interval ever holds more than
    /// the effective limit, and sustained overload uses at least 95 % of the budget.
    @Test(arguments: ArrivalPattern.allCases)
    func neverExceedsLimitAndUsesBudget(pattern: ArrivalPattern) {
        let limit = 20
        let headroom = 2
        let effective = limit - headroom
        for seed in UInt64(1)...30 {
            var random = SplitMix64(seed: seed &* 7919 &+ UInt64(ArrivalPattern.allCases.firstIndex(of: pattern)!))
            var window = Budget(configuration: .init(limit: limit, interval: .seconds(2), headroom: headroom, latencyAllowance: .milliseconds(50)))
            let arrivals = pattern.arrivals(count: 2_000, limit: effective, intervalMilliseconds: 2_000, using: &random)
            var grants: [TestInstant] = []
            var backlog = 0
            var next = 0
            var retryAt: TestInstant? = nil
            while next < arrivals.count || backlog > 0 {
                let arrival = next < arrivals.count ? ms(arrivals[next]) : nil
                let now: TestInstant
                if let arrival, backlog == 0 || retryAt.map({ arrival <= $0 }) ?? true {
                    now = arrival
                    backlog += 1
                    next += 1
                } else {
                    now = retryAt!
                }
                while backlog > 0 {
                    switch window.reserve(at: now) {
                    case .granted:
                        grants.append(now)
                        backlog -= 1
                        retryAt = nil
                        continue
                    case .notBefore(let instant):
                        #expect(instant > now)
                        retryAt = instant
                    }
                    break
                }
            }
            #expect(grants.count == arrivals.count, "seed \(seed)")
            #expect(largestWindowCount(grants, window: .seconds(2)) <= effective, "seed \(seed)")
            if pattern == .steadyOverload {
                // Overloaded from the first arrival to the last grant: count whole intervals.
                let span = grants.last!.offset - grants.first!.offset
                let intervals = Double(span.components.seconds) / 2
                let used = Double(grants.count) / (Double(effective) * (intervals + 1))
                #expect(used >= 0.95, "seed \(seed): used \(used)")
            }
        }
    }

    /// Whatever HubSpot's headers and 429s say, interleaved at random with sends, our own grants never
    /// exceed the configured effective limit in any interval: learning only ever makes the budget stricter.
    @Test func learningNeverLoosensOwnLimit() {
        let limit = 20
        let headroom = 2
        for seed in UInt64(1)...40 {
            var random = SplitMix64(seed: seed &+ 1_000)
            var window = Budget(configuration: .init(limit: limit, interval: .seconds(2), headroom: headroom, latencyAllowance: .zero))
            var grants: [TestInstant] = []
            var now: Int64 = 0
            for _ in 0..<3_000 {
                now += Int64.random(in: 0...60, using: &random)
                switch Int.random(in: 0..<10, using: &random) {
                case 0:
                    let max = Int.random(in: 1...40, using: &random)
                    let headers = HubSpotRateLimitHeaders(
                        max: max, remaining: Int.random(in: 0...max, using: &random),
                        intervalMilliseconds: Bool.random(using: &random) ? 2_000 : nil)
                    let sentAt = ms(Swift.max(0, now - Int64.random(in: 0...500, using: &random)))
                    window.observe(headers, sentAt: sentAt, at: ms(now))
                case 1 where Int.random(in: 0..<20, using: &random) == 0:
                    window.observe429(policy: Bool.random(using: &random) ? .tenSecondlyRolling : .secondly, at: ms(now))
                default:
                    if window.reserve(at: ms(now)) == .granted { grants.append(ms(now)) }
                }
                #expect(window.ownCount(at: ms(now)) <= limit - headroom)
            }
            #expect(largestWindowCount(grants, window: .seconds(2)) <= limit - headroom, "seed \(seed)")
            #expect(!grants.isEmpty)
        }
    }
    func probing(limit: Int = 5, timeout: Duration = .seconds(2)) -> Budget {
        Budget(configuration: .init(limit: limit, interval: .seconds(10), latencyAllowance: .zero, startupProbeTimeout: timeout))
    }

    /// After start, the first grant is a probe: nothing else goes until HubSpot answers it, and its
    /// headers decide what the window still allows (here, others spent 3 of 5 before the start).
    @Test func startupProbeHoldsGrantsUntilAnswered() {
        var window = probing()
        #expect(window.isCalibrating)
        #expect(window.reserve(at: sec(0)) == .granted)
        #expect(window.reserve(at: ms(100)) == .notBefore(sec(2)))
        window.observe(.init(max: 5, remaining: 1, intervalMilliseconds: 10_000), sentAt: sec(0), at: ms(300))
        #expect(!window.isCalibrating)
        #expect(window.othersCount(at: ms(300)) == 3)
        #expect(window.reserve(at: ms(300)) == .granted)
        #expect(window.reserve(at: ms(300)) == .notBefore(sec(10)))
    }

    /// A probe HubSpot is slow to answer holds the others for the timeout only; then grants follow
    /// the window alone, without a second probe.
    @Test func startupProbeTimesOut() {
        var window = probing()
        #expect(window.reserve(at: sec(0)) == .granted)
        #expect(window.reserve(at: ms(1_999)) == .notBefore(sec(2)))
        #expect(window.reserve(at: sec(2)) == .granted)
        #expect(!window.isCalibrating)
        #expect(window.reserve(at: sec(2)) == .granted)
        #expect(window.reserve(at: sec(2)) == .granted)
    }

    /// A probe that got no answer taught nothing: the next grant probes again. A 429 answers it too.
    @Test func failedProbeIsFollowedByAnother() {
        var window = probing()
        #expect(window.reserve(at: sec(0)) == .granted)
        window.observeNoAnswer()
        #expect(window.reserve(at: ms(100)) == .granted)
        #expect(window.reserve(at: ms(200)) == .notBefore(ms(2_100)))
        window.observe429(policy: .tenSecondlyRolling, at: ms(300))
        #expect(!window.isCalibrating)
        #expect(window.reserve(at: ms(300)) == .notBefore(ms(10_300)))
        window.observeNoAnswer()
        #expect(!window.isCalibrating)
    }

    /// Without a probe timeout configured, a fresh window grants at once, as before.
    @Test func noProbeUnlessConfigured() {
        var window = budget(limit: 3)
        #expect(!window.isCalibrating)
        for _ in 0..<3 { #expect(window.reserve(at: sec(0)) == .granted) }
    }
}
