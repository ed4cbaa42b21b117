import Testing

@testable import HubGate

/// Retry decisions per call kind and outcome, backoff bounds and full jitter.
struct RetryPolicyTests {
    /// What a table row expects.
    enum Expected: Sendable, CustomStringConvertible {
        case done
        case retry(atLeast: Duration)
        case giveUp(RetryDecision.GiveUpReason)

        var description: String {
            switch self {
            case .done: "done"
            case .retry(let least): "retry ≥ \(least)"
            case .giveUp(let reason): "give up (\(reason))"
            }
        }
    }

    let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200), maxDelay: .seconds(5), maxRateLimitWait: .seconds(15))

    static let table: [(UpstreamCallKind, UpstreamOutcome, Expected)] = [
        // Answers that are final for every kind.
        (.read, .response(status: 200), .done),
        (.read, .response(status: 404), .done),
        (.read, .response(status: 500), .done),
        (.create, .response(status: 201), .done),
        (.create, .response(status: 207), .done),
        (.create, .response(status: 400), .done),
        (.batchArchive, .response(status: 204), .done),
        // Transient failures: repeated for calls safe to repeat...
        (.read, .response(status: 502), .retry(atLeast: .zero)),
        (.read, .response(status: 503), .retry(atLeast: .zero)),
        (.read, .response(status: 504), .retry(atLeast: .zero)),
        (.batchRead, .response(status: 503), .retry(atLeast: .zero)),
        (.idempotentWrite, .response(status: 504), .retry(atLeast: .zero)),
        (.read, .connectionFailed(requestSent: true), .retry(atLeast: .zero)),
        (.batchRead, .connectionFailed(requestSent: true), .retry(atLeast: .zero)),
        (.idempotentWrite, .connectionFailed(requestSent: true), .retry(atLeast: .zero)),
        // ...never for a create or archive batch that may have landed.
        (.create, .response(status: 502), .giveUp(.outcomeUnknown)),
        (.create, .response(status: 503), .giveUp(.outcomeUnknown)),
        (.create, .response(status: 504), .giveUp(.outcomeUnknown)),
        (.create, .connectionFailed(requestSent: true), .giveUp(.outcomeUnknown)),
        (.batchArchive, .response(status: 503), .giveUp(.outcomeUnknown)),
        (.batchArchive, .connectionFailed(requestSent: true), .giveUp(.outcomeUnknown)),
        // A call that never left, or that HubSpot refused with 429, has a known outcome: any kind retries.
        (.create, .connectionFailed(requestSent: false), .retry(atLeast: .zero)),
        (.batchArchive, .connectionFailed(requestSent: false), .retry(atLeast: .zero)),
        (.create, .rateLimited(policy: .tenSecondlyRolling, reopensAfter: .seconds(4)), .retry(atLeast: .seconds(4))),
        (.read, .rateLimited(policy: .tenSecondlyRolling, reopensAfter: .seconds(4)), .retry(atLeast: .seconds(4))),
        (.batchRead, .rateLimited(policy: .tenSecondlyRolling, reopensAfter: nil), .retry(atLeast: .seconds(10))),
        (.read, .rateLimited(policy: .secondly, reopensAfter: nil), .retry(atLeast: .seconds(1))),
        // A window that reopens too late is not waited for.
        (.read, .rateLimited(policy: .daily, reopensAfter: nil), .giveUp(.waitTooLong)),
        (.read, .rateLimited(policy: .daily, reopensAfter: .seconds(3_600)), .giveUp(.waitTooLong)),
        (.read, .rateLimited(policy: .tenSecondlyRolling, reopensAfter: .seconds(16)), .giveUp(.waitTooLong)),
    ]

    /// Each kind and outcome gets its decision; retries wait at least until the named window reopens, plus at most the backoff.
    @Test(arguments: table)
    func decisionTable(kind: UpstreamCallKind, outcome: UpstreamOutcome, expected: Expected) {
        var random = SplitMix64(seed: 7)
        let decision = policy.decision(for: kind, after: outcome, attempt: 1, using: &random)
        switch (expected, decision) {
        case (.done, .done):
            break
        case (.retry(let least), .retry(let delay)):
            #expect(delay >= least)
            #expect(delay <= least + policy.backoffCeiling(after: 1))
        case (.giveUp(let reason), .giveUp(let actual)):
            #expect(reason == actual)
        default:
            Issue.record("expected \(expected), got \(decision)")
        }
    }

    /// Attempts are bounded: the last allowed attempt gives up instead of retrying.
    @Test func attemptsAreBounded() {
        var random = SplitMix64(seed: 1)
        guard case .retry = policy.decision(for: .read, after: .response(status: 503), attempt: 2, using: &random) else {
            Issue.record("second attempt not retried")
            return
        }
        #expect(policy.decision(for: .read, after: .response(status: 503), attempt: 3, using: &random) == .giveUp(.attemptsExhausted))
        #expect(policy.decision(for: .read, after: .rateLimited(policy: .secondly, reopensAfter: nil), attempt: 3, using: &random) == .giveUp(.attemptsExhausted))
        let single = RetryPolicy(maxAttempts: 1)
        #expect(single.decision(for: .read, after: .connectionFailed(requestSent: false), attempt: 1, using: &random) == .giveUp(.attemptsExhausted))
    }

    /// The backoff doubles per attempt up to its cap.
    @Test func backoffDoublesToCap() {
        #expect(policy.backoffCeiling(after: 1) == .milliseconds(200))
        #expect(policy.backoffCeiling(after: 2) == .milliseconds(400))
        #expect(policy.backoffCeiling(after: 3) == .milliseconds(800))
        #expect(policy.backoffCeiling(after: 10) == .seconds(5))
        #expect(policy.backoffCeiling(after: .max) == .seconds(5))
    }

    /// Full jitter: delays spread over the whole range from zero to the ceiling, and the same seed gives the same delays.
    @Test func fullJitterFromInjectedSource() {
        let wide = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(1))
        func delays(seed: UInt64) -> [Duration] {
            var random = SplitMix64(seed: seed)
            return (0..<1_000).map { _ in
                guard case .retry(let delay) = wide.decision(for: .read, after: .response(status: 502), attempt: 1, using: &random) else { return .seconds(-1) }
                return delay
            }
        }
        let sample = delays(seed: 99)
        #expect(sample.allSatisfy { $0 >= .zero && $0 <= .seconds(1) })
        #expect(sample.min()! < .milliseconds(50))
        #expect(sample.max()! > .milliseconds(950))
        #expect(sample.filter { $0 < .milliseconds(500) }.count > 400)
        #expect(delays(seed: 99) == sample)
        #expect(delays(seed: 100) != sample)
    }
}
