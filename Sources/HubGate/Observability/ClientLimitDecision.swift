/// What the per-client limit decided on one request, as the metrics count it.
package enum ClientLimitDecision: String, Sendable, Hashable {
    /// Within the client's share.
    case allowed
    /// Over the share: refused with 429.
    case limited
    /// Over the share in shadow mode: served anyway, and logged.
    case shadowLimited = "shadow_limited"
}
