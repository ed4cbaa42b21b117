/// Which upstream failures are retried, and after how long: exponential backoff with full jitter
/// (a delay drawn uniformly between zero and the capped exponential), bounded attempts.
///
/// Retried: 429 after the named window reopens, 502/503/504 and connection failures. A call whose
/// first attempt may have landed is repeated only if it is safe to repeat (``UpstreamCallKind``);
/// a create or archive batch that met a 502/503/504 or a connection lost after sending gives up
/// with ``RetryDecision/GiveUpReason/outcomeUnknown`` so the client is told instead. A 429 and a
/// connection that was never made are retried for every kind: HubSpot refused or never saw the
/// call, so its outcome is known.
///
/// Pure: the random source is injected, and the shell does the waiting (through the budget).
package struct RetryPolicy: Sendable, Equatable {
    /// Most attempts in all, the first included.
    package var maxAttempts: Int
    /// The backoff before the first retry's jitter.
    package var baseDelay: Duration
    /// The cap on the exponential backoff.
    package var maxDelay: Duration
    /// The longest a 429 is waited out; a longer one (a `DAILY` 429 waits for midnight) is passed on.
    package var maxRateLimitWait: Duration

    /// Creates a policy; the defaults make three attempts within about a second for 5xx.
    package init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5), maxRateLimitWait: Duration = .seconds(15)) {
        precondition(maxAttempts >= 1 && baseDelay >= .zero && maxDelay >= baseDelay)
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRateLimitWait = maxRateLimitWait
    }

    /// What to do after `attempt` (1 for the first) of a `kind` call ended with `outcome`.
    package func decision(
        for kind: UpstreamCallKind,
        after outcome: UpstreamOutcome,
        attempt: Int,
        using random: inout some RandomNumberGenerator
    ) -> RetryDecision {
        switch outcome {
        case .response(let status) where Self.retriedStatuses.contains(status):
            guard kind.isSafeToRepeat else { return .giveUp(.outcomeUnknown) }
            return backoff(after: attempt, plus: .zero, using: &random)
        case .response:
            return .done
        case .connectionFailed(let requestSent):
            guard kind.isSafeToRepeat || !requestSent else { return .giveUp(.outcomeUnknown) }
            return backoff(after: attempt, plus: .zero, using: &random)
        case .rateLimited(let policy, let reopensAfter):
            guard let wait = reopensAfter ?? Self.window(of: policy), wait <= maxRateLimitWait else {
                return .giveUp(.waitTooLong)
            }
            return backoff(after: attempt, plus: Swift.max(.zero, wait), using: &random)
        }
    }

    /// Statuses worth another attempt: HubSpot's documented transient failures.
    package static let retriedStatuses: Set<Int> = [502, 503, 504]

    /// The capped exponential before jitter for the retry after `attempt`.
    package func backoffCeiling(after attempt: Int) -> Duration {
        var ceiling = baseDelay
        var doublings = attempt - 1
        while doublings > 0 && ceiling > .zero && ceiling < maxDelay {
            ceiling = ceiling * 2
            doublings -= 1
        }
        return Swift.min(ceiling, maxDelay)
    }

    private func backoff(after attempt: Int, plus wait: Duration, using random: inout some RandomNumberGenerator) -> RetryDecision {
        guard attempt < maxAttempts else { return .giveUp(.attemptsExhausted) }
        let ceiling = backoffCeiling(after: attempt).wholeNanoseconds
        let jitter = Duration.nanoseconds(Int64.random(in: 0...Swift.max(0, ceiling), using: &random))
        return .retry(after: wait + jitter)
    }

    /// How long a named window takes to reopen at most, when the budget could not say.
    private static func window(of policy: RateLimitPolicy) -> Duration? {
        switch policy {
        case .tenSecondlyRolling, .other: .seconds(10)
        case .secondly: .seconds(1)
        case .daily: nil
        }
    }
}

/// The retry policy's verdict on one attempt.
package enum RetryDecision: Sendable, Equatable {
    /// The outcome is the answer (a success, or a failure retrying cannot fix): pass it on.
    case done
    /// Send again after this delay.
    case retry(after: Duration)
    /// Stop retrying a failure.
    case giveUp(GiveUpReason)

    /// Why retrying stopped.
    package enum GiveUpReason: Sendable, Hashable {
        /// The attempts are spent: pass the last failure on.
        case attemptsExhausted
        /// The call may have landed and is not safe to repeat: tell the client its outcome is unknown.
        case outcomeUnknown
        /// The named window reopens too late to wait for (a `DAILY` 429): pass the 429 on.
        case waitTooLong
    }
}
