import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Keeps each client service within its own share: the thin shell around the pure `ClientLimits`
/// (one token bucket per client). Checked right after authentication, so cache hits cost a token
/// too: a client's share is of HubGate, not only of HubSpot.
///
/// It exists even while `clientLimits.enabled` is false, so a reload can turn limits on and off
/// without rebuilding the request path; buckets kept while off simply fill up.
final class ClientRateLimiter: Sendable {
    /// What the request path does with one request.
    enum Verdict {
        /// Limits are off: serve it, with no rate-limit fields.
        case unlimited
        /// Serve it, and tell the client where it stands.
        case proceed(headers: HTTPFields)
        /// Refuse it with this 429.
        case refuse(ReadyResponse)
    }

    private struct State: Sendable {
        var isEnabled: Bool
        var limits: ClientLimits<ContinuousClock>
    }

    private static let policyName = "client"
    private let state: Mutex<State>
    private let clock = ContinuousClock()
    private let metrics: GatewayMetrics?
    private let logger: Logger

    /// Creates the limiter for `settings`, counting its decisions in `metrics`.
    init(settings: GatewayConfiguration.ClientLimitSettings, metrics: GatewayMetrics? = nil, logger: Logger) {
        let limits = ClientLimits<ContinuousClock>(defaultLimit: settings.defaultLimit, limits: settings.perClient, isShadowMode: settings.isShadowMode)
        self.state = Mutex(State(isEnabled: settings.isEnabled, limits: limits))
        self.metrics = metrics
        self.logger = logger
    }

    /// Whether clients are limited now.
    var isEnabled: Bool { state.withLock { $0.isEnabled } }

    /// Adopts new settings (a configuration reload): clients named in `clients` keep what is left
    /// in their buckets, clamped to their new burst; others' buckets are dropped.
    func reconfigure(_ settings: GatewayConfiguration.ClientLimitSettings, clients: Set<String>) {
        let now = clock.now
        state.withLock { state in
            state.isEnabled = settings.isEnabled
            state.limits.reconfigure(
                defaultLimit: settings.defaultLimit,
                limits: settings.perClient,
                isShadowMode: settings.isShadowMode,
                clients: clients,
                at: now
            )
        }
    }

    /// Takes one token for `client`.
    func check(client: String, requestID: String) -> Verdict {
        let now = clock.now
        let taken = state.withLock { state -> (ClientLimits<ContinuousClock>.Decision, ClientRateLimit)? in
            guard state.isEnabled else { return nil }
            return (state.limits.take(client: client, at: now), state.limits.limit(for: client))
        }
        guard let (decision, limit) = taken else { return .unlimited }
        let policyName = Self.policyName
        switch decision {
        case .allowed(let status):
            metrics?.clientLimit(client: client, decision: .allowed)
            return .proceed(headers: [
                .rateLimitPolicy: RateLimitFields.policy(name: policyName, limit: limit),
                .rateLimit: RateLimitFields.current(name: policyName, status: status),
            ])
        case .limited(let retryAfter, let status):
            return .refuse(refused(client: client, limit: limit, retryAfter: retryAfter, status: status, requestID: requestID))
        case .wouldLimit(let retryAfter):
            metrics?.clientLimit(client: client, decision: .shadowLimited)
            logger.notice(
                "Client over its rate limit (shadow mode: served anyway)",
                metadata: ["client.name": "\(client)", "request.id": "\(requestID)", "client.retry_after_s": "\(Self.seconds(retryAfter))"]
            )
            return .proceed(headers: [:])
        }
    }

    /// The 429 for `client` if it is over its share now, taking nothing otherwise: the event loop
    /// refuses such calls before any task is made for them, and leaves the rest to `check`. The request id
    /// is made only for a refusal.
    func refusal(client: String, requestID: () -> String) -> ReadyResponse? {
        let now = clock.now
        let refused = state.withLock { state -> (ClientLimits<ContinuousClock>.Decision, ClientRateLimit)? in
            guard state.isEnabled, let decision = state.limits.refusal(client: client, at: now) else { return nil }
            return (decision, state.limits.limit(for: client))
        }
        guard let (decision, limit) = refused, case .limited(let retryAfter, let status) = decision else { return nil }
        return self.refused(client: client, limit: limit, retryAfter: retryAfter, status: status, requestID: requestID())
    }

    private func refused(client: String, limit: ClientRateLimit, retryAfter: Duration, status: ClientRateLimitStatus, requestID: String) -> ReadyResponse {
        let policyName = Self.policyName
        metrics?.clientLimit(client: client, decision: .limited)
        var response = HubSpotErrorResponse.ready(for: .clientRateLimited(retryAfterSeconds: Self.seconds(retryAfter)), requestID: requestID)
        response.headers[.rateLimitPolicy] = RateLimitFields.policy(name: policyName, limit: limit)
        response.headers[.rateLimit] = RateLimitFields.current(name: policyName, status: status)
        return response
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
