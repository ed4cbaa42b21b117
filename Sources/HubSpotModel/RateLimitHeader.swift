/// The names of HubSpot's rate-limit response headers.
package enum RateLimitHeader {
    package static let max = "X-HubSpot-RateLimit-Max"
    package static let remaining = "X-HubSpot-RateLimit-Remaining"
    package static let intervalMilliseconds = "X-HubSpot-RateLimit-Interval-Milliseconds"
    package static let daily = "X-HubSpot-RateLimit-Daily"
    package static let dailyRemaining = "X-HubSpot-RateLimit-Daily-Remaining"
    package static let secondly = "X-HubSpot-RateLimit-Secondly"
    package static let secondlyRemaining = "X-HubSpot-RateLimit-Secondly-Remaining"
    /// HubSpot's correlation id header (same uuid as the body's `correlationId`).
    package static let correlationID = "X-HubSpot-Correlation-Id"

    /// Every `X-HubSpot-*` header a gateway relays to its clients.
    package static let all = [max, remaining, intervalMilliseconds, daily, dailyRemaining, secondly, secondlyRemaining, correlationID]
}
