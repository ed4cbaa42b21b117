/// The `X-HubSpot-RateLimit-*` values of one upstream response; every one may be absent (OAuth apps
/// get no daily figures, CRM Search none at all, and HubSpot omits them when it fails to gather them).
///
/// Kept free of any HTTP type so `RateLimit/` depends on nothing: the shell reads the fields with
/// `init(field:)`.
package struct HubSpotRateLimitHeaders: Sendable, Equatable {
    /// `X-HubSpot-RateLimit-Max`: calls allowed per interval.
    package var max: Int?
    /// `X-HubSpot-RateLimit-Remaining`: calls left in the current interval.
    package var remaining: Int?
    /// `X-HubSpot-RateLimit-Interval-Milliseconds`: the interval `max` and `remaining` refer to.
    package var intervalMilliseconds: Int?
    /// `X-HubSpot-RateLimit-Daily`: calls allowed per day.
    package var daily: Int?
    /// `X-HubSpot-RateLimit-Daily-Remaining`: calls left today.
    package var dailyRemaining: Int?
    /// `X-HubSpot-RateLimit-Secondly`: calls allowed per second (deprecated, still sent).
    package var secondly: Int?
    /// `X-HubSpot-RateLimit-Secondly-Remaining`: calls left in the current second.
    package var secondlyRemaining: Int?

    /// The header names, lower-cased (HTTP field names are case-insensitive).
    package enum Name {
        /// `X-HubSpot-RateLimit-Max`.
        package static let max = "x-hubspot-ratelimit-max"
        /// `X-HubSpot-RateLimit-Remaining`.
        package static let remaining = "x-hubspot-ratelimit-remaining"
        /// `X-HubSpot-RateLimit-Interval-Milliseconds`.
        package static let intervalMilliseconds = "x-hubspot-ratelimit-interval-milliseconds"
        /// `X-HubSpot-RateLimit-Daily`.
        package static let daily = "x-hubspot-ratelimit-daily"
        /// `X-HubSpot-RateLimit-Daily-Remaining`.
        package static let dailyRemaining = "x-hubspot-ratelimit-daily-remaining"
        /// `X-HubSpot-RateLimit-Secondly`.
        package static let secondly = "x-hubspot-ratelimit-secondly"
        /// `X-HubSpot-RateLimit-Secondly-Remaining`.
        package static let secondlyRemaining = "x-hubspot-ratelimit-secondly-remaining"
    }

    /// Creates a value from numbers already read.
    package init(
        max: Int? = nil, remaining: Int? = nil, intervalMilliseconds: Int? = nil,
        daily: Int? = nil, dailyRemaining: Int? = nil,
        secondly: Int? = nil, secondlyRemaining: Int? = nil
    ) {
        self.max = max
        self.remaining = remaining
        self.intervalMilliseconds = intervalMilliseconds
        self.daily = daily
        self.dailyRemaining = dailyRemaining
        self.secondly = secondly
        self.secondlyRemaining = secondlyRemaining
    }

    /// Reads the values through `field`, which returns a header's value for a lower-cased name.
    /// A value that is not a non-negative integer counts as absent: a garbled header must not
    /// teach the budget anything.
    package init(field: (String) -> String?) {
        func number(_ name: String) -> Int? {
            guard let text = field(name), let value = Int(text.trimmingSpaces), value >= 0 else { return nil }
            return value
        }
        self.init(
            max: number(Name.max), remaining: number(Name.remaining),
            intervalMilliseconds: number(Name.intervalMilliseconds),
            daily: number(Name.daily), dailyRemaining: number(Name.dailyRemaining),
            secondly: number(Name.secondly), secondlyRemaining: number(Name.secondlyRemaining)
        )
    }

    /// Whether the response carried any of the values.
    package var isEmpty: Bool {
        self == HubSpotRateLimitHeaders()
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var text = self[...]
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
