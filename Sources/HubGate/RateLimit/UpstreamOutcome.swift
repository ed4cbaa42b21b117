/// How one upstream attempt ended, as far as retrying is concerned.
package enum UpstreamOutcome: Sendable, Hashable {
    /// HubSpot (or a proxy in front of it) answered with `status`, other than 429.
    case response(status: Int)
    /// HubSpot answered 429 naming `policy`. `reopensAfter` is how long until the budget allows a
    /// send again (from ``UpstreamBudget``); nil means the policy's own window is assumed.
    case rateLimited(policy: RateLimitPolicy, reopensAfter: Duration?)
    /// No response. `requestSent` is false when the request certainly never left (connection
    /// refused, DNS or TLS failure), true when it may have reached HubSpot (reset or timeout after
    /// sending): only then is the outcome unknown.
    case connectionFailed(requestSent: Bool)
}
