/// The values of the `RateLimit-Policy`, `RateLimit` and `Retry-After` fields HubGate sends a
/// client, per draft-ietf-httpapi-ratelimit-headers-10.
///
/// Syntax used (both fields are Structured Field Lists, RFC 9651; one member each here):
/// - `RateLimit-Policy: "client";q=100;w=10` — the member is an sf-string naming the policy;
///   `q` (required) is the quota in quota units (requests, the default unit, so `qu` is omitted),
///   `w` the window in whole seconds.
/// - `RateLimit: "client";r=42;t=3` — the same policy name; `r` (required) the units remaining,
///   `t` the seconds until the quota is fully restored.
/// - `Retry-After: 3` — delay-seconds (RFC 9110 §10.2.3).
///
/// A token bucket has no fixed window: `q`/`w` advertise its average rate and `t` the time until
/// the bucket is full again. The draft has no burst parameter, so the burst is not advertised.
/// Seconds are rounded up so a client that obeys never comes back early.
package enum RateLimitFields {
    /// The `RateLimit-Policy` value for a policy named `name`.
    package static func policy(name: String, limit: ClientRateLimit) -> String {
        "\(quoted(name));q=\(limit.quota);w=\(Swift.max(1, limit.window.wholeSecondsRoundedUp))"
    }

    /// The `RateLimit` value for a policy named `name`.
    package static func current(name: String, status: ClientRateLimitStatus) -> String {
        "\(quoted(name));r=\(Swift.max(0, status.remaining));t=\(Swift.max(0, status.resetAfter.wholeSecondsRoundedUp))"
    }

    /// The `Retry-After` value: whole seconds, rounded up, never negative.
    package static func retryAfter(_ delay: Duration) -> String {
        String(Swift.max(0, delay.wholeSecondsRoundedUp))
    }

    /// An sf-string: printable ASCII only, with `"` and `\` escaped. Anything else in a configured
    /// client name becomes `_` rather than producing a field clients cannot parse.
    private static func quoted(_ name: String) -> String {
        var result = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"", "\\":
                result += "\\" + String(scalar)
            case " "..."~":
                result.unicodeScalars.append(scalar)
            default:
                result += "_"
            }
        }
        return result + "\""
    }
}
