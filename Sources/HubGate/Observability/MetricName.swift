/// Every metric HubGate exports, by name, with the dimensions each carries. One catalogue so that the
/// Grafana dashboard and Prometheus rules in `deploy/` can be checked against what the code emits.
///
/// Dimensions are bounded: route templates (never paths or ids), API versions, configured client
/// names, HTTP status codes and small fixed vocabularies.
package enum MetricName {
    /// Counter. Client requests answered, by `route` (template), `version` (`v3`, `v4`, `none`),
    /// `client` (configured name, `anonymous` before authentication) and `status` (HTTP code).
    package static let requests = "hubgate_requests_total"
    /// Histogram, seconds. Time to answer a client request, by `route` and `version`.
    package static let requestDuration = "hubgate_request_duration_seconds"
    /// Gauge. Client requests being served right now.
    package static let requestsInFlight = "hubgate_requests_in_flight"
    /// Counter. Calls sent to HubSpot (each attempt), by `kind` (`read`, `batch_read`,
    /// `idempotent_write`, `create`, `batch_archive`) and `outcome` (`success`, `client_error`,
    /// `rate_limited`, `server_error`, `timeout`, `connection_error`).
    package static let upstreamRequests = "hubgate_upstream_requests_total"
    /// Histogram, seconds. HubSpot's answer time per attempt, by `kind`.
    package static let upstreamDuration = "hubgate_upstream_request_duration_seconds"
    /// Counter. Attempts repeated by the retry policy, by `kind`.
    package static let upstreamRetries = "hubgate_upstream_retries_total"
    /// Counter. Label and definitions cache lookups, by `result` (`hit`, `miss`, `stale`).
    package static let cacheLookups = "hubgate_cache_lookups_total"
    /// Counter. Reads that joined another request's upstream fetch instead of making their own.
    package static let cacheCoalesced = "hubgate_cache_coalesced_total"
    /// Counter. Cache invalidations caused by writes or purges.
    package static let cacheInvalidations = "hubgate_cache_invalidations_total"
    /// Gauge. Calls the shared upstream budget still allows, by `window` (`burst`, `daily`).
    package static let budgetRemaining = "hubgate_budget_remaining"
    /// Gauge. Calls waiting for the upstream budget.
    package static let budgetQueueDepth = "hubgate_budget_queue_depth"
    /// Histogram, seconds. Time a call waited for the upstream budget before it was sent.
    package static let budgetWait = "hubgate_budget_wait_seconds"
    /// Counter. Upstream budget decisions, by `decision` (`immediate`, `queued`, `rejected`).
    package static let budgetDecisions = "hubgate_budget_decisions_total"
    /// Counter. Per-client limit decisions, by `client` and `decision` (`allowed`, `limited`,
    /// `shadow_limited`).
    package static let clientLimitDecisions = "hubgate_client_limit_decisions_total"
    /// Counter. Configuration reloads, by `result` (`applied`, `refused`).
    package static let configReloads = "hubgate_config_reloads_total"
    /// Gauge, always 1. The running `version`.
    package static let buildInfo = "hubgate_build_info"

    /// Every name above, for checks that a dashboard only queries metrics that exist.
    package static let all: [String] = [
        requests, requestDuration, requestsInFlight, upstreamRequests, upstreamDuration, upstreamRetries,
        cacheLookups, cacheCoalesced, cacheInvalidations, budgetRemaining, budgetQueueDepth, budgetWait,
        budgetDecisions, clientLimitDecisions, configReloads, buildInfo,
    ]
}
