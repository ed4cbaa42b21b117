import Testing

@testable import HubGate

/// The IETF RateLimit-Policy / RateLimit values and Retry-After, as sent to clients.
struct RateLimitFieldsTests {
    /// The policy field names the policy as an sf-string with its quota and window in seconds.
    @Test func policyField() {
        #expect(RateLimitFields.policy(name: "client", limit: .init(quota: 100, window: .seconds(10))) == #""client";q=100;w=10"#)
        #expect(RateLimitFields.policy(name: "client", limit: .init(quota: 5, window: .milliseconds(1_500))) == #""client";q=5;w=2"#)
    }

    /// The RateLimit field carries whole tokens left and seconds until full, rounded up.
    @Test func currentField() {
        #expect(RateLimitFields.current(name: "client", status: .init(remaining: 42, resetAfter: .milliseconds(2_100))) == #""client";r=42;t=3"#)
        #expect(RateLimitFields.current(name: "client", status: .init(remaining: 0, resetAfter: .zero)) == #""client";r=0;t=0"#)
    }

    /// Quotes and backslashes are escaped; characters an sf-string cannot hold become underscores.
    @Test func namesAreValidStrings() {
        #expect(RateLimitFields.policy(name: #"a"b\c"#, limit: .init(quota: 1, window: .seconds(1))) == #""a\"b\\c";q=1;w=1"#)
        #expect(RateLimitFields.policy(name: "équipe\n", limit: .init(quota: 1, window: .seconds(1))) == #""_quipe_";q=1;w=1"#)
    }

    /// Retry-After is whole seconds rounded up, never negative, so an obedient client is never early.
    @Test(arguments: [
        (Duration.zero, "0"), (.milliseconds(1), "1"), (.seconds(1), "1"), (.milliseconds(1_200), "2"), (.seconds(-3), "0"),
    ])
    func retryAfter(delay: Duration, field: String) {
        #expect(RateLimitFields.retryAfter(delay) == field)
    }
}
