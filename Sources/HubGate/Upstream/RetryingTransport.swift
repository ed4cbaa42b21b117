import Foundation
import HTTPTypes
import NIOCore

/// Repeats upstream calls that failed transiently, as `RetryPolicy` decides: reads, `batch/read` and
/// idempotent writes on 502/503/504, lost connections and HubSpot 429s (after the window reopens);
/// creates and archive batches only when HubSpot certainly never got them. A call whose outcome is
/// unknown is never repeated: the client is told instead.
///
/// Each attempt goes through the inner transport again, so retries spend (and wait for) the budget
/// like any other call. When an attempt whose outcome is unknown (sent, then timed out or cut off,
/// or answered 5xx) was repeated, the final answer says so
/// (`UpstreamResponse/followsAttemptWithUnknownOutcome`), and a final "not sent" becomes "outcome
/// unknown": the call as a whole may have been applied.
package struct RetryingTransport: UpstreamTransport {
    private let inner: any UpstreamTransport
    private let policy: RetryPolicy
    private let metrics: GatewayMetrics?

    /// Wraps `inner` with `policy`, counting repeats in `metrics`.
    package init(_ inner: any UpstreamTransport, policy: RetryPolicy, metrics: GatewayMetrics? = nil) {
        self.inner = inner
        self.policy = policy
        self.metrics = metrics
    }

    package func send(_ request: UpstreamRequest) async throws(GatewayError) -> UpstreamResponse {
        var random = SystemRandomNumberGenerator()
        var attempt = 1
        var earlierOutcomeUnknown = false
        while true {
            var result: Result<UpstreamResponse, GatewayError>
            do {
                result = .success(try await inner.send(request))
            } catch {
                result = .failure(error)
            }
            if earlierOutcomeUnknown {
                result = Self.following(unknownOutcome: result)
            }
            guard let outcome = Self.outcome(of: result) else { return try result.get() }
            switch policy.decision(for: request.kind, after: outcome, attempt: attempt, using: &random) {
            case .done, .giveUp:
                return try result.get()
            case .retry(let delay):
                earlierOutcomeUnknown = earlierOutcomeUnknown || Self.isUnknown(outcome)
                try? await Task.sleep(for: delay)
                attempt += 1
                metrics?.upstreamRetried(kind: request.kind)
            }
        }
    }

    /// Whether HubSpot may have applied an attempt with this outcome.
    static func isUnknown(_ outcome: UpstreamOutcome) -> Bool {
        switch outcome {
        case .connectionFailed(let requestSent): requestSent
        case .response(let status): status >= 500
        case .rateLimited: false
        }
    }

    /// An attempt's result after an earlier one whose outcome is unknown: an answer is marked, and
    /// "not sent" no longer describes the call.
    static func following(unknownOutcome result: Result<UpstreamResponse, GatewayError>) -> Result<UpstreamResponse, GatewayError> {
        switch result {
        case .success(var response):
            response.followsAttemptWithUnknownOutcome = true
            return .success(response)
        case .failure(let error) where error == .upstreamUnreachable:
            return .failure(.upstreamConnectionLost)
        case .failure:
            return result
        }
    }

    /// What the policy needs to know about one attempt; nil for failures that are not HubSpot's
    /// (HubGate's own budget refusal, shutdown), which are never retried here.
    static func outcome(of result: Result<UpstreamResponse, GatewayError>) -> UpstreamOutcome? {
        switch result {
        case .success(let response) where response.status == .tooManyRequests:
            let policy = RateLimitPolicy.named(inErrorBody: response.body) ?? .tenSecondlyRolling
            // The budget already paused the window this 429 names; the retry waits for it there.
            return .rateLimited(policy: policy, reopensAfter: policy == .daily ? nil : .zero)
        case .success(let response):
            return .response(status: Int(response.status.code))
        case .failure(let error) where error == .upstreamUnreachable:
            return .connectionFailed(requestSent: false)
        case .failure(let error) where error == .upstreamConnectionLost || error == .upstreamTimeout:
            return .connectionFailed(requestSent: true)
        case .failure:
            return nil
        }
    }
}
