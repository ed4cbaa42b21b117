/// The names of HubSpot's rate-limit response headers.
package enum RateLimitHeader {
    /// Calls allowed per rolling window.
    package static let max = "X-HubSpot-RateLimit-Max"
    /// Calls left in the current rolling window.
    package static let remaining = "X-HubSpot-RateLimit-Remaining"
    /// The rolling window's length.
    package static let intervalMilliseconds = "X-HubSpot-RateLimit-Interval-Milliseconds"
    /// Calls allowed per day (private apps only).
    package static let daily = "X-HubSpot-RateLimit-Daily"
    /// Calls left today (private apps only).
    package static let dailyRemaining = "X-HubSpot-RateLimit-Daily-Remaining"
    /// Calls allowed per second (deprecated by HubSpot, still sent on some endpoints).
    package static let secondly = "X-HubSpot-RateLimit-Secondly"
    /// Calls left this second.
    package static let secondlyRemaining = "X-HubSpot-RateLimit-Secondly-Remaining"
    /// HubSpot's correlation id header (same uuid as the body's `correlationId`).
    package static let correlationID = "X-HubSpot-Correlation-Id"

    /// Every `X-HubSpot-*` header a gateway relays to its clients.
    package static let all = [max, remaining, intervalMilliseconds, daily, dailyRemaining, secondly, secondlyRemaining, correlationID]
}
