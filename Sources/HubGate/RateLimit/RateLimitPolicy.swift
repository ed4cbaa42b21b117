/// One of HubSpot's limits, as a 429 body's `policyName` names it.
///
/// The budget pauses the window a 429 names, so an unknown name is kept rather than dropped: it is
/// treated as the rolling window, the pessimistic choice.
package enum RateLimitPolicy: Sendable, Hashable {
    /// `TEN_SECONDLY_ROLLING`: the per-app burst window (e.g. 190 calls in any 10 s).
    case tenSecondlyRolling
    /// `SECONDLY`: a per-second limit some endpoints still report.
    case secondly
    /// `DAILY`: the per-account daily limit, reset at midnight in the account's time zone.
    case daily
    /// Any other name HubSpot may send.
    case other(String)

    /// Reads a 429 body's `policyName`.
    package init(policyName: String) {
        switch policyName.uppercased() {
        case "TEN_SECONDLY_ROLLING": self = .tenSecondlyRolling
        case "SECONDLY": self = .secondly
        case "DAILY": self = .daily
        default: self = .other(policyName)
        }
    }

    /// The name HubSpot uses, for the HubSpot-shaped 429 body HubGate answers with.
    package var policyName: String {
        switch self {
        case .tenSecondlyRolling: "TEN_SECONDLY_ROLLING"
        case .secondly: "SECONDLY"
        case .daily: "DAILY"
        case .other(let name): name
        }
    }
}
