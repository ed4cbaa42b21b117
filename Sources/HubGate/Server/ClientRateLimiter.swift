import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Keeps each client service within its own share: the thin shell around the pure `ClientLimits`
/// (one token bucket per client). Checked right after authentication, so cache hits cost a token
/// too: a client's share is of HubGate, not only of HubSpot.
final class ClientRateLimiter: Sendable {
    /// What the request path does with one request.
    enum Verdict {
        /// Serve it, and tell the client where it stands.
        case proceed(headers: HTTPFields)
        /// Refuse it with this 429.
        case refuse(Response)
    }

    private let limits: Mutex<ClientLimits<ContinuousClock>>
    private let clock = ContinuousClock()
    private let metrics: GatewayMetrics?
    private let logger: Logger

    /// Creates the limiter, counting its decisions in `metrics`.
    init(limits: ClientLimits<ContinuousClock>, metrics: GatewayMetrics? = nil, logger: Logger) {
        self.limits = Mutex(limits)
        self.metrics = metrics
        self.logger = logger
    }

    /// Takes one token for `client`.
    func check(client: String, requestID: String) -> Verdict {
        let now = clock.now
        let (decision, limit) = limits.withLock { ($0.take(client: client, at: now), $0.limit(for: client)) }
        let policyName = "client"
        switch decision {
        case .allowed(let status):
            metrics?.clientLimit(client: client, decision: .allowed)
            return .proceed(headers: [
                .rateLimitPolicy: RateLimitFields.policy(name: policyName, limit: limit),
                .rateLimit: RateLimitFields.current(name: policyName, status: status),
            ])
        case .limited(let retryAfter, let status):
            metrics?.clientLimit(client: client, decision: .limited)
            var response = HubSpotErrorResponse.response(for: .clientRateLimited(retryAfterSeconds: Self.seconds(retryAfter)), requestID: requestID)
            response.headers[.rateLimitPolicy] = RateLimitFields.policy(name: policyName, limit: limit)
            response.headers[.rateLimit] = RateLimitFields.current(name: policyName, status: status)
            return .refuse(response)
        case .wouldLimit(let retryAfter):
            metrics?.clientLimit(client: client, decision: .shadowLimited)
            logger.notice(
                "Client over its rate limit (shadow mode: served anyway)",
                metadata: ["client.name": "\(client)", "request.id": "\(requestID)", "client.retry_after_s": "\(Self.seconds(retryAfter))"]
            )
            return .proceed(headers: [:])
        }
    }

    private static func seconds(_ delay: Duration) -> Int {
        max(1, Int(delay.wholeSecondsRoundedUp))
    }
}

extension HTTPField.Name {
    /// `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers-10).
    static let rateLimitPolicy = HTTPField.Name("RateLimit-Policy")!
    /// `RateLimit` (draft-ietf-httpapi-ratelimit-headers-10).
    static let rateLimit = HTTPField.Name("RateLimit")!
}
