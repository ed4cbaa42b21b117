import Foundation

/// The numbers of the upstream budget.
package struct UpstreamBudgetConfiguration: Sendable, Equatable {
    /// HubSpot's burst limit as HubGate spends it.
    package var rollingWindow: RollingWindowConfiguration
    /// HubSpot's daily limit as HubGate spends it.
    package var daily: DailyBudgetConfiguration
    /// Most calls waiting at once; more are turned away at once rather than held without hope.
    package var queueCapacity: Int
    /// How many recent wait times are kept for percentiles.
    package var waitTimeSamples: Int

    /// Creates a configuration.
    package init(
        rollingWindow: RollingWindowConfiguration = .init(),
        daily: DailyBudgetConfiguration = .init(),
        queueCapacity: Int = 1_000,
        waitTimeSamples: Int = 4_096
    ) {
        precondition(queueCapacity >= 0)
        self.rollingWindow = rollingWindow
        self.daily = daily
        self.queueCapacity = queueCapacity
        self.waitTimeSamples = waitTimeSamples
    }
}

/// HubSpot's limits spent as one budget by every client, with a bounded FIFO queue in front:
/// a call that finds the budget spent waits until its deadline instead of failing.
///
/// A value type with no I/O. The shell carries out what each event returns: it sends the calls
/// named, answers the rejected ones with 429 and `Retry-After`, and calls ``tick(at:wallTime:)``
/// at the instant named (or earlier). Two clocks go in: a monotonic instant for the rolling window
/// and deadlines, and the wall-clock date for the daily reset at midnight.
///
/// Fairness: waiters leave in arrival order. A new arrival is sent at once only when nobody waits,
/// so it never overtakes an earlier waiter; a waiter dropped for its deadline frees its place.
package struct UpstreamBudget<C: Clock, ID: Hashable & Sendable>: Sendable where C.Duration == Duration {
    /// What to do with a call that asks to go upstream.
    package enum EnqueueAction: Sendable, Equatable {
        /// Send it now; it is counted.
        case sendNow
        /// It waits; a later ``TickActions`` releases or rejects it. `expectedSendAt` is its turn if
        /// nothing new is learnt: the shell's next tick must come no later than this.
        case queued(expectedSendAt: C.Instant)
        /// Answer 429 with `Retry-After`, naming `policy` in the HubSpot-shaped body.
        case reject(RejectionReason, retryAfter: Duration, policy: RateLimitPolicy)
    }

    /// Why a call was turned away.
    package enum RejectionReason: Sendable, Hashable {
        /// The queue was full on arrival.
        case queueFull
        /// At the pace the budget allows, its turn would come after its deadline.
        case deadlineUnreachable
        /// Its deadline passed while it waited.
        case deadlinePassed
    }

    /// One waiter turned away by a tick.
    package struct Rejection: Sendable, Equatable {
        /// The waiter.
        package var id: ID
        /// Why.
        package var reason: RejectionReason
        /// When a retry could expect a turn, for `Retry-After`.
        package var retryAfter: Duration
        /// The limit that stood in the way.
        package var policy: RateLimitPolicy
    }

    /// What the shell must do after an event.
    package struct TickActions: Sendable, Equatable {
        /// Waiters to send now, in order; each is counted.
        package var send: [ID] = []
        /// Waiters to answer with 429.
        package var reject: [Rejection] = []
        /// When to call ``tick(at:wallTime:)`` next; nil while nobody waits.
        package var wakeAt: C.Instant?
    }

    private struct Waiter: Sendable {
        var id: ID
        var deadline: C.Instant
        var enqueuedAt: C.Instant
    }

    /// The budget played forward with nothing new learnt: when would the next calls go?
    private struct Projection: Sendable {
        var rolling: RollingWindowBudget<C>
        var dailyLeft: Int
        var dailyReset: C.Instant
        var last: C.Instant

        func nextSlot() -> (C.Instant, RateLimitPolicy) {
            let slot = rolling.earliestGrant(at: last)
            if dailyLeft > 0 { return (slot, .tenSecondlyRolling) }
            return (Swift.max(slot, dailyReset), .daily)
        }

        mutating func consume(_ slot: C.Instant) {
            rolling.recordGrant(at: slot)
            rolling.assumeCalibrated()
            dailyLeft -= 1
            last = slot
        }
    }

    /// The configured numbers.
    package private(set) var configuration: UpstreamBudgetConfiguration
    /// The burst window.
    package private(set) var rollingWindow: RollingWindowBudget<C>
    /// The daily count; its ``DailyBudget/snapshot`` is what the shell persists.
    package private(set) var daily: DailyBudget
    /// Counters for metrics and the benchmark.
    package private(set) var statistics: UpstreamBudgetStatistics
    private var waiters: [Waiter] = []
    /// The projection after the last waiter, kept between events that change nothing but the queue's
    /// tail so that an arrival costs one step of projection, not a replay of the whole queue.
    private var tail: Projection?

    /// Creates an empty budget.
    package init(configuration: UpstreamBudgetConfiguration = .init()) {
        self.configuration = configuration
        rollingWindow = RollingWindowBudget(configuration: configuration.rollingWindow)
        daily = DailyBudget(configuration: configuration.daily)
        statistics = UpstreamBudgetStatistics(waitTimeSamples: configuration.waitTimeSamples)
    }

    /// Calls waiting now.
    package var queueDepth: Int { waiters.count }

    /// Whether `id` is waiting.
    package func isQueued(_ id: ID) -> Bool {
        waiters.contains { $0.id == id }
    }

    /// Calls that could be sent at once (for a "remaining budget" response header).
    package func remaining(at now: C.Instant, wallTime: Date) -> Int {
        Swift.min(rollingWindow.remaining(at: now), daily.remaining(at: wallTime))
    }

    /// A call asks to go upstream at `now`; it must be sent by `deadline` or not at all.
    package mutating func enqueue(_ id: ID, deadline: C.Instant, at now: C.Instant, wallTime: Date) -> EnqueueAction {
        if waiters.isEmpty, earliestSend(at: now, wallTime: wallTime).instant <= now {
            grant(at: now, wallTime: wallTime)
            statistics.sentImmediately += 1
            statistics.waitTimes.record(.zero)
            return .sendNow
        }
        var projection = tail ?? replay(at: now, wallTime: wallTime, dropping: false).projection
        projection.last = Swift.max(projection.last, now)
        let (slot, policy) = projection.nextSlot()
        guard waiters.count < configuration.queueCapacity else {
            statistics.rejectedQueueFull += 1
            return .reject(.queueFull, retryAfter: now.duration(to: slot), policy: policy)
        }
        guard slot <= deadline else {
            statistics.rejectedDeadline += 1
            return .reject(.deadlineUnreachable, retryAfter: now.duration(to: slot), policy: policy)
        }
        projection.consume(slot)
        tail = projection
        waiters.append(Waiter(id: id, deadline: deadline, enqueuedAt: now))
        statistics.queued += 1
        return .queued(expectedSendAt: slot)
    }

    /// Time has passed: sends the waiters the budget now allows, turns away those whose deadline
    /// passed or can no longer be met, and names the next instant to call again.
    package mutating func tick(at now: C.Instant, wallTime: Date) -> TickActions {
        var actions = TickActions()
        while let head = waiters.first {
            let earliest = earliestSend(at: now, wallTime: wallTime)
            if head.deadline < now {
                // Called late: a waiter past its deadline is not sent, even if the budget allows.
                waiters.removeFirst()
                tail = nil
                statistics.rejectedDeadline += 1
                let retryAfter = Swift.max(.zero, now.duration(to: earliest.instant))
                actions.reject.append(Rejection(id: head.id, reason: .deadlinePassed, retryAfter: retryAfter, policy: earliest.policy))
                continue
            }
            guard earliest.instant <= now else { break }
            waiters.removeFirst()
            grant(at: now, wallTime: wallTime)
            statistics.released += 1
            statistics.waitTimes.record(head.enqueuedAt.duration(to: now))
            actions.send.append(head.id)
        }
        let replayed = replay(at: now, wallTime: wallTime, dropping: true)
        for rejection in replayed.rejections {
            statistics.rejectedDeadline += 1
            actions.reject.append(rejection)
        }
        actions.wakeAt = replayed.firstSlot
        return actions
    }

    /// The shell withdraws a waiter (its client went away). Returns whether it was waiting; a call
    /// already told to send is counted and cannot be withdrawn. Nothing else becomes sendable by
    /// this, so no tick is needed.
    @discardableResult
    package mutating func cancel(_ id: ID) -> Bool {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return false }
        waiters.remove(at: index)
        tail = nil
        statistics.cancelled += 1
        return true
    }

    /// Adopts new numbers at `now` (a configuration reload), then ticks. The rolling window's grants,
    /// the day's count, what HubSpot taught, the queue and the counters all stay: a reload changes
    /// the limits, not what was already spent. A higher limit may release waiters at once; a lower
    /// one may turn away waiters whose turn now comes after their deadline. A smaller queue keeps
    /// its waiters and takes no new ones until it is below the new capacity. The wait-time sample
    /// size is fixed at start.
    package mutating func reconfigure(_ configuration: UpstreamBudgetConfiguration, at now: C.Instant, wallTime: Date) -> TickActions {
        var configuration = configuration
        configuration.waitTimeSamples = self.configuration.waitTimeSamples
        self.configuration = configuration
        rollingWindow.reconfigure(configuration.rollingWindow)
        daily.reconfigure(configuration.daily, at: wallTime)
        tail = nil
        return tick(at: now, wallTime: wallTime)
    }

    /// Adopts a persisted daily count (from before a restart) when it is today's; never lowers the
    /// live count.
    package mutating func restoreDaily(from snapshot: DailyBudgetSnapshot, wallTime: Date) {
        daily.restore(from: snapshot, at: wallTime)
        tail = nil
    }

    /// Learns from the rate-limit headers of a response to a call sent at `sentAt` and, when it was a
    /// 429, from the policy it names; then ticks once: what HubSpot says may free or hold back waiters.
    ///
    /// One answer is one event with one set of actions, so no waiter this learning sends or turns
    /// away can be lost between two, and none is sent on the strength of headers that came with a 429.
    ///
    /// A `DAILY` 429 whose own `X-HubSpot-RateLimit-Daily-Remaining` still counts calls left today
    /// contradicts itself; the count wins, and the 429 pauses the rolling window only. Believing the
    /// name would stop every call until midnight (and across restarts, as the day's state is kept)
    /// on one answer HubSpot's own numbers disown; if the day is really spent, the next answer says 0.
    package mutating func observe(
        _ headers: HubSpotRateLimitHeaders,
        rateLimitedBy policy: RateLimitPolicy? = nil,
        sentAt: C.Instant,
        at now: C.Instant,
        wallTime: Date
    ) -> TickActions {
        rollingWindow.observe(headers, sentAt: sentAt, at: now)
        daily.observe(headers, at: wallTime)
        if let policy {
            let contradicted = policy == .daily && (headers.dailyRemaining ?? 0) > 0
            learn429(policy: contradicted ? .tenSecondlyRolling : policy, at: now, wallTime: wallTime)
        }
        tail = nil
        return tick(at: now, wallTime: wallTime)
    }

    /// A call granted earlier got no answer from HubSpot (a transport failure); if it was the start-up
    /// probe, the next call probes again. Then ticks, as that next call may be waiting.
    package mutating func observeNoAnswer(at now: C.Instant, wallTime: Date) -> TickActions {
        rollingWindow.observeNoAnswer()
        tail = nil
        return tick(at: now, wallTime: wallTime)
    }

    /// Lifts a stop for the day (an operator's word, ``DailyBudget/resume(at:)``), then ticks.
    /// Returns whether calls had been stopped, and what the tick releases.
    package mutating func resumeDaily(at now: C.Instant, wallTime: Date) -> (wasStopped: Bool, actions: TickActions) {
        let wasStopped = daily.resume(at: wallTime)
        tail = nil
        return (wasStopped, tick(at: now, wallTime: wallTime))
    }

    /// Learns from a 429 naming `policy` (a `DAILY` one stops sends until midnight), then ticks.
    package mutating func observe429(policy: RateLimitPolicy, at now: C.Instant, wallTime: Date) -> TickActions {
        learn429(policy: policy, at: now, wallTime: wallTime)
        tail = nil
        return tick(at: now, wallTime: wallTime)
    }

    private mutating func learn429(policy: RateLimitPolicy, at now: C.Instant, wallTime: Date) {
        statistics.upstream429s += 1
        if policy == .daily {
            daily.observeDaily429(at: wallTime)
        } else {
            rollingWindow.observe429(policy: policy, at: now)
        }
    }

    /// The earliest instant both limits allow a send, and the one that holds it back.
    private func earliestSend(at now: C.Instant, wallTime: Date) -> (instant: C.Instant, policy: RateLimitPolicy) {
        let byWindow = rollingWindow.earliestGrant(at: now)
        let dailyDate = daily.earliestGrant(at: wallTime)
        let byDay = now.advanced(by: .seconds(dailyDate.timeIntervalSince(wallTime)))
        return byDay > byWindow ? (byDay, .daily) : (byWindow, .tenSecondlyRolling)
    }

    private mutating func grant(at now: C.Instant, wallTime: Date) {
        rollingWindow.recordGrant(at: now)
        _ = daily.reserve(at: wallTime)
        statistics.sent += 1
        tail = nil
    }

    /// Plays the queue forward from `now`: each waiter in order takes the next slot; one whose slot
    /// falls after its deadline takes no slot, so those behind move up, and is removed from the
    /// queue when `dropping` (a tick, which reports it); otherwise the next tick removes it.
    private mutating func replay(at now: C.Instant, wallTime: Date, dropping: Bool) -> (projection: Projection, rejections: [Rejection], firstSlot: C.Instant?) {
        let reset = daily.nextReset(after: wallTime)
        var projection = Projection(
            rolling: rollingWindow,
            dailyLeft: daily.remaining(at: wallTime),
            dailyReset: now.advanced(by: .seconds(reset.timeIntervalSince(wallTime))),
            last: now
        )
        var rejections: [Rejection] = []
        var kept: [Waiter] = []
        kept.reserveCapacity(waiters.count)
        var firstSlot: C.Instant?
        for waiter in waiters {
            let (slot, policy) = projection.nextSlot()
            if slot > waiter.deadline {
                let reason: RejectionReason = waiter.deadline <= now ? .deadlinePassed : .deadlineUnreachable
                rejections.append(Rejection(id: waiter.id, reason: reason, retryAfter: now.duration(to: slot), policy: policy))
                if !dropping { kept.append(waiter) }
                continue
            }
            projection.consume(slot)
            kept.append(waiter)
            if firstSlot == nil { firstSlot = slot }
        }
        if dropping { waiters = kept }
        tail = projection
        return (projection, rejections, firstSlot)
    }
}
