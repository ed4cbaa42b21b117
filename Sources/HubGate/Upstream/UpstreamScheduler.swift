import Foundation
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Spends HubSpot's limits as one budget for every upstream call: the thin shell around the pure
/// `UpstreamBudget`. A call that finds the budget spent waits in its FIFO queue (up to `maxWait`)
/// instead of failing; the shell's `run()` releases waiters as the rolling window reopens.
///
/// Every decision is the budget's; this type only holds the waiters (a suspended task's continuation,
/// or a callback that starts one), reads the clocks and sleeps.
package final class UpstreamScheduler: Service, Sendable {
    private typealias Budget = UpstreamBudget<ContinuousClock, UInt64>
    /// What a queued call does when its turn comes or it is refused: resume a task, or start one.
    private typealias Waiter = @Sendable (Result<ContinuousClock.Instant, GatewayError>) -> Void

    private struct Queued: Sendable {
        var waiter: Waiter
        /// Whether its client has closed the connection (`ClientDisconnection`); nil: always wanted.
        var client: ClientDisconnection?
    }

    private struct State: Sendable {
        var budget: Budget
        /// How long a call may wait for its turn; in the state so a reload changes it under the lock.
        var maxWait: Duration
        var nextID: UInt64 = 0
        var waiters: [UInt64: Queued] = [:]
        var isShuttingDown = false
    }

    private let state: Mutex<State>
    private let clock = ContinuousClock()
    private let logger: Logger
    /// Wakes `run()` when the queue goes from empty to not empty.
    private let wakeUps: AsyncStream<Void>
    private let wakeUpContinuation: AsyncStream<Void>.Continuation

    /// Creates a scheduler for `configuration`; waiting calls give up after `maxWait`.
    package init(configuration: UpstreamBudgetConfiguration, maxWait: Duration, logger: Logger) {
        self.state = Mutex(State(budget: Budget(configuration: Self.probeWithin(maxWait, configuration)), maxWait: maxWait))
        self.logger = logger
        (self.wakeUps, self.wakeUpContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// A turn granted by ``acquire()``.
    package struct Grant: Sendable {
        /// When the call was granted (for learning from its answer).
        package var grantedAt: ContinuousClock.Instant
        /// How long it waited for its turn.
        package var waited: Duration
        /// Whether it waited in the queue rather than being sent at once.
        package var wasQueued: Bool
    }

    /// Waits for a turn.
    ///
    /// - Throws: `GatewayError.upstreamBudgetExhausted` when no turn comes within `maxWait` or the
    ///   queue is full, `.shuttingDown` during shutdown.
    package func acquire() async throws(GatewayError) -> Grant {
        let client = ClientDisconnection.current
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Grant, GatewayError>, Never>) in
            reserve(for: client) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Asks for a turn without a task waiting for it: `onTurn` is called once, with the grant or the
    /// refusal `acquire()` would return, at once or when the turn comes (on whichever thread hands it
    /// out). A call queued this way holds only `onTurn` while it waits (`RequestDispatchHandler`).
    ///
    /// - Parameter client: the client of the call, so that the call is withdrawn
    ///   (`.clientClosedRequest`) if that client leaves before its turn; nil: always wanted.
    package func reserve(for client: ClientDisconnection?, onTurn: @escaping @Sendable (Result<Grant, GatewayError>) -> Void) {
        let now = clock.now
        let waiter: Waiter = { result in
            onTurn(result.map { grantedAt in
                Grant(grantedAt: grantedAt, waited: now.duration(to: grantedAt), wasQueued: grantedAt != now)
            })
        }
        let immediate: Result<ContinuousClock.Instant, GatewayError>? = state.withLock { state in
            if state.isShuttingDown { return .failure(.shuttingDown) }
            let id = state.nextID
            state.nextID += 1
            switch state.budget.enqueue(id, deadline: now + state.maxWait, at: now, wallTime: Date()) {
            case .sendNow:
                return .success(now)
            case .reject(_, let retryAfter, let policy):
                return .failure(Self.exhausted(retryAfter: retryAfter, policy: policy))
            case .queued:
                state.waiters[id] = Queued(waiter: waiter, client: client)
                return nil
            }
        }
        if let immediate {
            waiter(immediate)
        } else {
            wakeUpContinuation.yield()
        }
    }

    /// Learns from HubSpot's answer to a call granted at `sentAt`: its rate-limit headers, and a 429's
    /// `policyName`, which pauses the window it names.
    package func observe(_ response: UpstreamResponse, sentAt: ContinuousClock.Instant) {
        let headers = HubSpotRateLimitHeaders { name in
            HTTPField.Name(name).flatMap { response.headerFields[$0] }
        }
        let now = clock.now
        let policy = response.status == .tooManyRequests ? RateLimitPolicy.named(inErrorBody: response.body) ?? .tenSecondlyRolling : nil
        if let policy {
            logger.warning("HubSpot answered 429", metadata: ["upstream.policy": "\(policy.policyName)"])
        }
        // One event, one set of actions: each waiter it releases or rejects must be resumed here, or
        // it waits forever (and holds its client's connection and graceful shutdown with it).
        let (actions, probeAnswered, others) = state.withLock { state in
            let wasCalibrating = state.budget.rollingWindow.isCalibrating
            let actions = state.budget.observe(headers, rateLimitedBy: policy, sentAt: sentAt, at: now, wallTime: Date())
            return (actions, wasCalibrating, wasCalibrating ? state.budget.rollingWindow.othersCount(at: now) : 0)
        }
        if probeAnswered {
            // Says what the probe found: calls by others (or by HubGate before its restart) that the
            // budget now counts, and how long the calls behind it waited for its answer.
            logger.info("Start-up probe answered", metadata: [
                "budget.others": "\(others)",
                "budget.probeMs": "\(sentAt.duration(to: now).wholeNanoseconds / 1_000_000)",
            ])
        }
        carryOut(actions)
    }

    /// A granted call got no answer from HubSpot (it failed in transport); if it was the start-up
    /// probe, the next call probes again.
    package func observeNoAnswer() {
        let now = clock.now
        let actions = state.withLock { $0.budget.observeNoAnswer(at: now, wallTime: Date()) }
        carryOut(actions)
    }

    /// Lifts a stop for the day (`POST /budget/daily/resume`): calls go again until HubSpot refuses
    /// one. Returns whether calls had been stopped.
    package func resumeDaily() -> Bool {
        let now = clock.now
        let (wasStopped, actions) = state.withLock { $0.budget.resumeDaily(at: now, wallTime: Date()) }
        if wasStopped {
            logger.warning("Daily stop lifted by the operator: calls go to HubSpot again until it refuses one")
        }
        carryOut(actions)
        // `run()` may be asleep until midnight.
        wakeUpContinuation.yield()
        return wasStopped
    }

    /// Releases waiters as the budget allows, until graceful shutdown; then refuses everyone waiting.
    package func run() async throws {
        await withGracefulShutdownHandler {
            var iterator = wakeUps.makeAsyncIterator()
            while !Task.isCancelled {
                withdrawAbandoned()
                let actions = state.withLock { $0.budget.tick(at: clock.now, wallTime: Date()) }
                carryOut(actions)
                if let wakeAt = actions.wakeAt {
                    // Sleep to the budget's next instant, but check at least every 50 ms so a learnt
                    // change (a header, a 429) is acted on promptly.
                    try? await Task.sleep(until: min(wakeAt, clock.now + .milliseconds(50)), clock: clock)
                } else if await iterator.next() == nil {
                    return
                }
            }
        } onGracefulShutdown: {
            self.shutDown()
        }
    }

    /// Adopts new budget numbers and waiting time (a configuration reload) without forgetting what
    /// was spent: the window's grants, the day's count, the queue and the counters stay. Calls already
    /// waiting keep their deadlines; a higher limit releases them at once.
    package func reconfigure(_ configuration: UpstreamBudgetConfiguration, maxWait: Duration) {
        let now = clock.now
        let actions = state.withLock { state in
            state.maxWait = maxWait
            return state.budget.reconfigure(Self.probeWithin(maxWait, configuration), at: now, wallTime: Date())
        }
        carryOut(actions)
        // `run()` may be asleep until an instant computed under the old numbers.
        wakeUpContinuation.yield()
    }

    /// The budget's numbers now.
    package var configuration: UpstreamBudgetConfiguration { state.withLock { $0.budget.configuration } }

    /// How long a call may wait for its turn now.
    package var maxWait: Duration { state.withLock { $0.maxWait } }

    /// Calls the burst window and the day still allow now, for the metrics.
    package var remaining: (burst: Int, daily: Int) {
        let now = clock.now
        let wallTime = Date()
        return state.withLock { ($0.budget.rollingWindow.remaining(at: now), $0.budget.daily.remaining(at: wallTime)) }
    }

    /// How many calls wait now.
    package var queueDepth: Int { state.withLock { $0.budget.queueDepth } }

    /// What the budget did so far, for `/budget/stats` and the overload benchmark.
    package var statistics: UpstreamBudgetStatistics { state.withLock { $0.budget.statistics } }

    /// Today's count, for persisting across restarts.
    package var dailySnapshot: DailyBudgetSnapshot? { state.withLock { $0.budget.daily.snapshot } }

    /// Adopts a persisted daily count when it is today's.
    package func restoreDaily(_ snapshot: DailyBudgetSnapshot) {
        state.withLock { $0.budget.restoreDaily(from: snapshot, wallTime: Date()) }
    }

    /// Takes out of the queue the calls whose clients have closed their connections, before the
    /// next turns are handed out: each would otherwise spend a turn of HubSpot's limit on an answer
    /// nobody reads, and hold its memory until then. Checked every tick (at most 50 ms apart while
    /// calls wait).
    private func withdrawAbandoned() {
        let abandoned = state.withLock { state -> [Waiter] in
            let gone = state.waiters.compactMap { id, queued in queued.client?.isGone == true ? id : nil }
            return gone.compactMap { id in
                guard state.budget.cancel(id) else { return nil }
                return state.waiters.removeValue(forKey: id)?.waiter
            }
        }
        for waiter in abandoned { waiter(.failure(.clientClosedRequest)) }
    }

    private func shutDown() {
        let waiters = state.withLock { state -> [Waiter] in
            state.isShuttingDown = true
            defer { state.waiters.removeAll() }
            return state.waiters.values.map(\.waiter)
        }
        for waiter in waiters { waiter(.failure(.shuttingDown)) }
        wakeUpContinuation.finish()
    }

    /// Resumes the waiters the budget released or rejected, outside the lock.
    private func carryOut(_ actions: Budget.TickActions) {
        guard !actions.send.isEmpty || !actions.reject.isEmpty else { return }
        let now = clock.now
        let resumptions = state.withLock { state -> [(Waiter, Result<ContinuousClock.Instant, GatewayError>)] in
            var resumptions: [(Waiter, Result<ContinuousClock.Instant, GatewayError>)] = []
            for id in actions.send {
                if let queued = state.waiters.removeValue(forKey: id) { resumptions.append((queued.waiter, .success(now))) }
            }
            for rejection in actions.reject {
                if let queued = state.waiters.removeValue(forKey: rejection.id) {
                    resumptions.append((queued.waiter, .failure(Self.exhausted(retryAfter: rejection.retryAfter, policy: rejection.policy))))
                }
            }
            return resumptions
        }
        for (waiter, result) in resumptions { waiter(result) }
    }

    /// `configuration` with the start-up probe holding calls for at most half of what a call may
    /// wait: a call queued behind the probe would otherwise be refused at once (its turn, reckoned
    /// at the probe's timeout, past its deadline) although the probe's answer may come in
    /// milliseconds. Half, not all: a turn due exactly at a deadline is lost to a timer firing late.
    private static func probeWithin(_ maxWait: Duration, _ configuration: UpstreamBudgetConfiguration) -> UpstreamBudgetConfiguration {
        var configuration = configuration
        if let probe = configuration.rollingWindow.startupProbeTimeout {
            configuration.rollingWindow.startupProbeTimeout = min(probe, maxWait / 2)
        }
        return configuration
    }

    private static func exhausted(retryAfter: Duration, policy: RateLimitPolicy) -> GatewayError {
        .upstreamBudgetExhausted(retryAfterSeconds: max(1, Int(retryAfter.wholeSecondsRoundedUp)), policyName: policy.policyName)
    }
}
