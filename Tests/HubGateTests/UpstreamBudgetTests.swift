import Foundation
import Testing

@testable import HubGate

/// The combined budget with its FIFO queue: sending, queueing, deadlines, cancellation, learning,
/// the DAILY pause, counters, and the rolling-window invariant under random traffic.
struct UpstreamBudgetTests {
    typealias Budget = UpstreamBudget<ManualClock, Int>

    /// Wall-clock time for an instant: the tests' origin is 10:00 UTC, far from midnight.
    static let origin = ISO8601DateFormatter().date(from: "2026-11-23T10:00:00Z")!

    func wall(_ instant: TestInstant) -> Date {
        Self.origin.addingTimeInterval(Double(instant.offset.wholeNanoseconds) / 1e9)
    }

    func budget(limit: Int = 3, queue: Int = 3, daily: Int = 1_000) -> Budget {
        Budget(configuration: .init(
            rollingWindow: .init(limit: limit, interval: .seconds(10), latencyAllowance: .zero),
            daily: .init(limit: daily),
            queueCapacity: queue
        ))
    }

    func enqueue(_ budget: inout Budget, _ id: Int, at now: TestInstant, deadline: TestInstant = sec(1_000)) -> Budget.EnqueueAction {
        budget.enqueue(id, deadline: deadline, at: now, wallTime: wall(now))
    }

    func tick(_ budget: inout Budget, at now: TestInstant) -> Budget.TickActions {
        budget.tick(at: now, wallTime: wall(now))
    }

    /// Calls go at once while the window has room, then wait, and leave when the oldest grant expires.
    @Test func sendsThenQueues() {
        var upstream = budget()
        for id in 0..<3 { #expect(enqueue(&upstream, id, at: sec(Int64(id))) == .sendNow) }
        #expect(enqueue(&upstream, 3, at: sec(3)) == .queued(expectedSendAt: sec(10)))
        #expect(tick(&upstream, at: sec(3)) == .init(send: [], reject: [], wakeAt: sec(10)))
        #expect(tick(&upstream, at: sec(10)) == .init(send: [3], reject: [], wakeAt: nil))
    }

    /// Waiters leave in arrival order, one per freed slot, and each tick names the next slot.
    @Test func releasesInFIFOOrder() {
        var upstream = budget()
        for id in 0..<3 { #expect(enqueue(&upstream, id, at: sec(Int64(id))) == .sendNow) }
        #expect(enqueue(&upstream, 10, at: sec(3)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 11, at: sec(4)) == .queued(expectedSendAt: sec(11)))
        #expect(enqueue(&upstream, 12, at: sec(5)) == .queued(expectedSendAt: sec(12)))
        #expect(tick(&upstream, at: sec(10)) == .init(send: [10], wakeAt: sec(11)))
        #expect(tick(&upstream, at: sec(11)) == .init(send: [11], wakeAt: sec(12)))
        // A late tick releases everything due, still in order.
        #expect(tick(&upstream, at: sec(30)) == .init(send: [12], wakeAt: nil))
    }

    /// An arrival that finds room in the window but someone waiting joins the queue behind them.
    @Test func laterArrivalNeverOvertakes() {
        var upstream = budget(limit: 1)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(1)) == .queued(expectedSendAt: sec(10)))
        // At 10 s the window has room, but the shell has not ticked yet: the newcomer still waits.
        #expect(enqueue(&upstream, 2, at: sec(10)) == .queued(expectedSendAt: sec(20)))
        #expect(tick(&upstream, at: sec(10)) == .init(send: [1], wakeAt: sec(20)))
        #expect(tick(&upstream, at: sec(20)) == .init(send: [2], wakeAt: nil))
    }

    /// A full queue turns arrivals away at once, with the time until a place would come free.
    @Test func rejectsWhenQueueFull() {
        var upstream = budget(limit: 1, queue: 2)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(0)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 2, at: sec(0)) == .queued(expectedSendAt: sec(20)))
        #expect(enqueue(&upstream, 3, at: sec(1)) == .reject(.queueFull, retryAfter: .seconds(29), policy: .tenSecondlyRolling))
        #expect(upstream.statistics.rejectedQueueFull == 1)
        #expect(upstream.queueDepth == 2)
    }

    /// A call whose turn would come after its deadline is turned away on arrival instead of waiting in vain.
    @Test func rejectsUnreachableDeadline() {
        var upstream = budget(limit: 1)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(1), deadline: sec(9)) == .reject(.deadlineUnreachable, retryAfter: .seconds(9), policy: .tenSecondlyRolling))
        #expect(enqueue(&upstream, 2, at: sec(1), deadline: sec(10)) == .queued(expectedSendAt: sec(10)))
        #expect(upstream.statistics.rejectedDeadline == 1)
    }

    /// A pause learnt while calls wait turns away those whose deadline it puts out of reach, and keeps the rest in order.
    @Test func pauseRejectsWaitersItPutsOutOfReach() {
        var upstream = budget(limit: 1)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(1), deadline: sec(12)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 2, at: sec(2), deadline: sec(40)) == .queued(expectedSendAt: sec(20)))
        let actions = upstream.observe429(policy: .tenSecondlyRolling, at: sec(5), wallTime: wall(sec(5)))
        #expect(actions.reject == [.init(id: 1, reason: .deadlineUnreachable, retryAfter: .seconds(10), policy: .tenSecondlyRolling)])
        #expect(actions.wakeAt == sec(15))
        #expect(tick(&upstream, at: sec(15)) == .init(send: [2], wakeAt: nil))
        #expect(upstream.statistics.upstream429s == 1)
    }

    /// A tick that comes after a waiter's deadline turns it away rather than sending it late.
    @Test func lateTickRejectsPassedDeadline() {
        var upstream = budget(limit: 1)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(1), deadline: sec(10)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 2, at: sec(1), deadline: sec(30)) == .queued(expectedSendAt: sec(20)))
        let actions = tick(&upstream, at: sec(11))
        #expect(actions.reject == [.init(id: 1, reason: .deadlinePassed, retryAfter: .zero, policy: .tenSecondlyRolling)])
        #expect(actions.send == [2])
    }

    /// A cancelled waiter leaves the queue and the next one takes its turn; unknown ids are ignored.
    @Test func cancelLetsNextWaiterMoveUp() {
        var upstream = budget(limit: 1)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(0)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 2, at: sec(0)) == .queued(expectedSendAt: sec(20)))
        let cancelled = upstream.cancel(1)
        let cancelledTwice = upstream.cancel(1)
        let cancelledUnknown = upstream.cancel(99)
        #expect(cancelled && !cancelledTwice && !cancelledUnknown)
        #expect(!upstream.isQueued(1))
        #expect(tick(&upstream, at: sec(10)) == .init(send: [2], wakeAt: nil))
        #expect(upstream.statistics.cancelled == 1)
    }

    /// Headers showing others' spend push waiters back; the queue's wake-up moves accordingly.
    @Test func learningFromHeadersDelaysWaiters() {
        var upstream = budget(limit: 3)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(0)) == .sendNow)
        // HubSpot counts all 3 calls of the window: one by someone else, learnt at 2 s.
        let actions = upstream.observe(.init(max: 3, remaining: 0), sentAt: sec(0), at: sec(2), wallTime: wall(sec(2)))
        #expect(actions == .init())
        #expect(enqueue(&upstream, 2, at: sec(3)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 3, at: sec(3)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 4, at: sec(3)) == .queued(expectedSendAt: sec(12)))
    }

    /// A later response showing others spent less than feared does not free their slots (it may
    /// answer a call that overtook its siblings); the waiter goes when the oldest counted call,
    /// ours, leaves the window.
    @Test func learningFromHeadersNeverFreesSlotsEarly() {
        var upstream = budget(limit: 3)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(upstream.observe(.init(max: 3, remaining: 0), sentAt: sec(0), at: sec(1), wallTime: wall(sec(1))) == .init())
        #expect(upstream.remaining(at: sec(1), wallTime: wall(sec(1))) == 0)
        #expect(enqueue(&upstream, 1, at: sec(2)) == .queued(expectedSendAt: sec(10)))
        let actions = upstream.observe(.init(max: 3, remaining: 2), sentAt: sec(0), at: sec(3), wallTime: wall(sec(3)))
        #expect(actions == .init(send: [], wakeAt: sec(10)))
        #expect(upstream.remaining(at: sec(3), wallTime: wall(sec(3))) == 0)
        #expect(tick(&upstream, at: sec(10)) == .init(send: [1], wakeAt: nil))
    }

    /// A 429 answer is one event: a waiter whose turn had come is neither sent into the pause nor
    /// dropped, but stays queued and goes when the pause ends. (Learning its headers and its 429 as
    /// two events lost the first one's actions: the soak's hung requests.)
    @Test func a429AnswerKeepsEveryWaiterAccountedFor() {
        var upstream = budget(limit: 1)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(1), deadline: sec(30)) == .queued(expectedSendAt: sec(10)))
        // No tick ran at 10 s; the answer to call 0 arrives at 11 s: a 429.
        let actions = upstream.observe(.init(max: 1, remaining: 0), rateLimitedBy: .tenSecondlyRolling, sentAt: sec(0), at: sec(11), wallTime: wall(sec(11)))
        #expect(actions == .init(send: [], reject: [], wakeAt: sec(21)))
        #expect(upstream.isQueued(1))
        #expect(tick(&upstream, at: sec(21)) == .init(send: [1], wakeAt: nil))
        #expect(upstream.statistics.upstream429s == 1)
    }

    /// A DAILY 429 stops sends until midnight in the account's zone; calls are turned away naming the daily policy.
    @Test func daily429PausesUntilMidnight() {
        var upstream = budget()
        _ = upstream.observe429(policy: .daily, at: sec(0), wallTime: wall(sec(0)))
        // 10:00 UTC: midnight is 14 hours away.
        #expect(enqueue(&upstream, 1, at: sec(0), deadline: sec(30)) == .reject(.deadlineUnreachable, retryAfter: .seconds(14 * 3_600), policy: .daily))
        #expect(upstream.remaining(at: sec(0), wallTime: wall(sec(0))) == 0)
    }

    /// A DAILY 429 whose own headers still count calls left today pauses the rolling window only;
    /// one whose headers say the day is spent (or say nothing) stops sends until midnight.
    @Test func daily429ContradictedByItsHeadersPausesTheWindowOnly() {
        var contradicted = budget()
        var headers = HubSpotRateLimitHeaders()
        headers.dailyRemaining = 624_998
        _ = contradicted.observe(headers, rateLimitedBy: .daily, sentAt: sec(0), at: sec(0), wallTime: wall(sec(0)))
        #expect(!contradicted.daily.isExhausted)
        #expect(enqueue(&contradicted, 1, at: sec(0), deadline: sec(30)) == .queued(expectedSendAt: sec(10)))

        var spent = budget()
        headers.dailyRemaining = 0
        _ = spent.observe(headers, rateLimitedBy: .daily, sentAt: sec(0), at: sec(0), wallTime: wall(sec(0)))
        #expect(enqueue(&spent, 1, at: sec(0), deadline: sec(30)) == .reject(.deadlineUnreachable, retryAfter: .seconds(14 * 3_600), policy: .daily))
    }

    /// The daily count spent by our own calls also holds calls back, naming the daily policy.
    @Test func dailyCountHoldsBack() {
        var upstream = budget(limit: 100, daily: 2)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 2, at: sec(0), deadline: sec(60)) == .reject(.deadlineUnreachable, retryAfter: .seconds(14 * 3_600), policy: .daily))
        #expect(upstream.daily.snapshot?.sent == 2)
    }

    /// The counters add up: sent = at once + released, and wait times give p50/p99.
    @Test func statisticsAddUp() {
        var upstream = budget(limit: 2, queue: 2)
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 2, at: sec(2)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 3, at: sec(4)) == .queued(expectedSendAt: sec(10)))
        #expect(enqueue(&upstream, 4, at: sec(5)) == .reject(.queueFull, retryAfter: .seconds(15), policy: .tenSecondlyRolling))
        #expect(tick(&upstream, at: sec(10)).send == [2, 3])
        let statistics = upstream.statistics
        #expect(statistics.sent == 4)
        #expect(statistics.sentImmediately == 2)
        #expect(statistics.queued == 2)
        #expect(statistics.released == 2)
        #expect(statistics.rejected == 1)
        #expect(statistics.waitTimes.percentile(0.5) == .zero)
        #expect(statistics.waitTimes.percentile(0.99) == .seconds(8))
    }

    /// For many seeded arrival patterns with deadlines, no interval ever holds more than the effective
    /// limit, waiters leave in arrival order, every call is answered once, and sustained overload uses at
    /// least 95 % of the budget.
    @Test(arguments: ArrivalPattern.allCases)
    func neverExceedsLimitUnderRandomTraffic(pattern: ArrivalPattern) {
        let limit = 20
        let headroom = 2
        let effective = limit - headroom
        let interval = Duration.seconds(2)
        for seed in UInt64(1)...30 {
            var random = SplitMix64(seed: seed &* 104_729)
            var upstream = Budget(configuration: .init(
                rollingWindow: .init(limit: limit, interval: interval, headroom: headroom, latencyAllowance: .milliseconds(50)),
                daily: .init(limit: 1_000_000),
                queueCapacity: 60
            ))
            let arrivals = pattern.arrivals(count: 3_000, limit: effective, intervalMilliseconds: 2_000, using: &random)
            var grants: [TestInstant] = []
            var released: [Int] = []
            var answered = 0
            var wake: TestInstant?
            var next = 0
            while next < arrivals.count || wake != nil {
                if next < arrivals.count, wake.map({ ms(arrivals[next]) < $0 }) ?? true {
                    let now = ms(arrivals[next])
                    switch upstream.enqueue(next, deadline: now.advanced(by: .seconds(3)), at: now, wallTime: wall(now)) {
                    case .sendNow:
                        grants.append(now)
                        answered += 1
                    case .queued(let expected):
                        #expect(expected > now)
                        wake = min(wake ?? expected, expected)
                    case .reject(_, let retryAfter, _):
                        #expect(retryAfter > .zero)
                        answered += 1
                    }
                    next += 1
                } else {
                    let now = wake!
                    let actions = upstream.tick(at: now, wallTime: wall(now))
                    grants.append(contentsOf: repeatElement(now, count: actions.send.count))
                    released.append(contentsOf: actions.send)
                    answered += actions.send.count + actions.reject.count
                    wake = actions.wakeAt
                    #expect(wake.map { $0 > now } ?? true)
                }
            }
            #expect(answered == arrivals.count, "seed \(seed)")
            #expect(upstream.queueDepth == 0)
            #expect(released == released.sorted(), "seed \(seed)")
            #expect(largestWindowCount(grants, window: interval) <= effective, "seed \(seed)")
            if pattern == .steadyOverload {
                let seconds = Double((grants.last!.offset - grants.first!.offset).wholeNanoseconds) / 1e9
                let used = Double(grants.count) / (Double(effective) * (seconds / 2 + 1))
                #expect(used >= 0.95, "seed \(seed): used \(used)")
            }
        }
    }

    /// A higher limit keeps the window's grants and the day's count, releases a waiter at once, and
    /// allows exactly the difference: grants made before the reload still count.
    @Test func reconfigureKeepsGrantsAndAppliesTheNewLimit() {
        var upstream = budget(limit: 3)
        for id in 0..<3 { #expect(enqueue(&upstream, id, at: sec(Int64(id))) == .sendNow) }
        #expect(enqueue(&upstream, 3, at: sec(3)) == .queued(expectedSendAt: sec(10)))

        let actions = upstream.reconfigure(
            .init(rollingWindow: .init(limit: 5, interval: .seconds(10), latencyAllowance: .zero), daily: .init(limit: 1_000), queueCapacity: 3),
            at: sec(3),
            wallTime: wall(sec(3))
        )
        #expect(actions == .init(send: [3], wakeAt: nil))
        #expect(upstream.daily.sent == 4)
        #expect(upstream.statistics.sent == 4)
        #expect(upstream.statistics.queued == 1)
        #expect(enqueue(&upstream, 4, at: sec(3)) == .sendNow)
        // Five grants in the window: the next turn is when the first (at 0 s) leaves it.
        #expect(enqueue(&upstream, 5, at: sec(3)) == .queued(expectedSendAt: sec(10)))
    }

    /// A lower limit counts the grants already made against it.
    @Test func reconfigureToALowerLimitHoldsBack() {
        var upstream = budget(limit: 5)
        for id in 0..<4 { #expect(enqueue(&upstream, id, at: sec(Int64(id))) == .sendNow) }
        _ = upstream.reconfigure(
            .init(rollingWindow: .init(limit: 2, interval: .seconds(10), latencyAllowance: .zero), daily: .init(limit: 1_000), queueCapacity: 3),
            at: sec(4),
            wallTime: wall(sec(4))
        )
        #expect(upstream.remaining(at: sec(4), wallTime: wall(sec(4))) == 0)
        // Down to one grant in the window once those at 0, 1 and 2 s have left it.
        #expect(enqueue(&upstream, 4, at: sec(4)) == .queued(expectedSendAt: sec(12)))
    }

    /// A lower daily limit applies to the day's count so far.
    @Test func reconfigureKeepsTheDailyCount() {
        var upstream = budget(limit: 100, daily: 10)
        for id in 0..<3 { #expect(enqueue(&upstream, id, at: sec(0)) == .sendNow) }
        _ = upstream.reconfigure(
            .init(rollingWindow: .init(limit: 100, interval: .seconds(10), latencyAllowance: .zero), daily: .init(limit: 4), queueCapacity: 3),
            at: sec(1),
            wallTime: wall(sec(1))
        )
        #expect(upstream.daily.sent == 3)
        #expect(enqueue(&upstream, 3, at: sec(1)) == .sendNow)
        guard case .reject(_, _, let policy) = enqueue(&upstream, 4, at: sec(1), deadline: sec(60)) else {
            Issue.record("a fifth call today was not refused")
            return
        }
        #expect(policy == .daily)
    }
    /// A budget of 5 per 10 s whose first grant is a start-up probe with a 2 s timeout.
    func probingBudget() -> Budget {
        Budget(configuration: .init(
            rollingWindow: .init(limit: 5, interval: .seconds(10), latencyAllowance: .zero, startupProbeTimeout: .seconds(2)),
            daily: .init(limit: 1_000),
            queueCapacity: 10
        ))
    }

    /// Calls arriving while the start-up probe is out wait for its answer, which releases them at
    /// once; their expected turn is the probe's timeout at worst, so none is turned away for a
    /// deadline the probe alone would miss.
    @Test func callsWaitForTheStartupProbe() {
        var upstream = probingBudget()
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: ms(10)) == .queued(expectedSendAt: sec(2)))
        #expect(enqueue(&upstream, 2, at: ms(20)) == .queued(expectedSendAt: sec(2)))
        #expect(enqueue(&upstream, 3, at: ms(30), deadline: ms(2_500)) == .queued(expectedSendAt: sec(2)))
        #expect(tick(&upstream, at: ms(40)) == .init(send: [], reject: [], wakeAt: sec(2)))
        // HubSpot says 2 calls of 5 were spent before ours: 2 more fit now, the third waits.
        let actions = upstream.observe(.init(max: 5, remaining: 2, intervalMilliseconds: 10_000), sentAt: sec(0), at: ms(300), wallTime: wall(ms(300)))
        #expect(actions.send == [1, 2])
        #expect(actions.reject.map(\.id) == [3])
    }

    /// A probe lost in transport frees the next waiter to probe again.
    @Test func lostProbeReleasesTheNextProbe() {
        var upstream = probingBudget()
        #expect(enqueue(&upstream, 0, at: sec(0)) == .sendNow)
        #expect(enqueue(&upstream, 1, at: ms(10)) == .queued(expectedSendAt: sec(2)))
        #expect(enqueue(&upstream, 2, at: ms(20)) == .queued(expectedSendAt: sec(2)))
        #expect(upstream.observeNoAnswer(at: ms(50), wallTime: wall(ms(50))) == .init(send: [1], reject: [], wakeAt: ms(2_050)))
    }
}
