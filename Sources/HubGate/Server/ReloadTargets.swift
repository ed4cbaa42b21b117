/// The running components a configuration reload changes in place, each behind its own lock:
/// every request sees each component's old or new settings whole, never a mix within one.
struct ReloadTargets: Sendable {
    /// Client keys, scopes, body limit and v3 settings.
    let requestSettings: ReloadableValue<RequestSettings>
    /// Per-client limits.
    let clientLimiter: ClientRateLimiter
    /// Cache TTLs, when the cache is enabled.
    let cache: LabelCache?
    /// Budget numbers, when the budget is enabled.
    let scheduler: UpstreamScheduler?
    /// The HubSpot token, when the transport is libcurl's.
    let credential: HubSpotCredential?

    /// Puts a validated configuration in force. Limits change before keys, so a client added by this
    /// reload never meets its share as it was before it.
    func apply(_ configuration: GatewayConfiguration) {
        clientLimiter.reconfigure(configuration.clientLimits, clients: Set(configuration.clients.map(\.name)))
        requestSettings.replace(with: RequestSettings(configuration: configuration))
        cache?.reconfigure(policy: configuration.cache.policy)
        scheduler?.reconfigure(configuration.budget.configuration, maxWait: configuration.budget.maxWait)
        credential?.replace(token: configuration.hubSpotToken)
    }
}
