import Testing

@testable import HubGate

/// Reading HubSpot's rate-limit headers and 429 policy names.
struct HubSpotRateLimitHeadersTests {
    /// All seven headers are read by their lower-cased names.
    @Test func readsAllHeaders() {
        let fields = [
            "x-hubspot-ratelimit-max": "190", "x-hubspot-ratelimit-remaining": "187",
            "x-hubspot-ratelimit-interval-milliseconds": "10000", "x-hubspot-ratelimit-daily": "625000",
            "x-hubspot-ratelimit-daily-remaining": "600000", "x-hubspot-ratelimit-secondly": "19",
            "x-hubspot-ratelimit-secondly-remaining": " 18 ",
        ]
        let headers = HubSpotRateLimitHeaders { fields[$0] }
        #expect(headers == .init(max: 190, remaining: 187, intervalMilliseconds: 10_000, daily: 625_000, dailyRemaining: 600_000, secondly: 19, secondlyRemaining: 18))
    }

    /// Absent, garbled or negative values count as absent.
    @Test func garbledValuesAreAbsent() {
        let fields = ["x-hubspot-ratelimit-max": "lots", "x-hubspot-ratelimit-remaining": "-1"]
        let headers = HubSpotRateLimitHeaders { fields[$0] }
        #expect(headers.isEmpty)
    }

    /// 429 policy names map to the windows they name, unknown names are kept, and names round-trip.
    @Test func policyNames() {
        #expect(RateLimitPolicy(policyName: "TEN_SECONDLY_ROLLING") == .tenSecondlyRolling)
        #expect(RateLimitPolicy(policyName: "SECONDLY") == .secondly)
        #expect(RateLimitPolicy(policyName: "DAILY") == .daily)
        #expect(RateLimitPolicy(policyName: "MINUTELY") == .other("MINUTELY"))
        for policy in [RateLimitPolicy.tenSecondlyRolling, .secondly, .daily, .other("X")] {
            #expect(RateLimitPolicy(policyName: policy.policyName) == policy)
        }
    }
}
