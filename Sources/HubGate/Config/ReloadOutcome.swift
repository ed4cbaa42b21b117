/// What one configuration reload did, as the admin endpoint and the log report it.
package enum ReloadOutcome: Sendable, Equatable {
    /// The new configuration is in force. `changed` names the reloadable keys that changed;
    /// `restartRequired` names keys that changed but keep their running value until a restart.
    case applied(changed: [String], restartRequired: [String])
    /// Nothing changed: the new configuration is invalid or could not be read. `problems` is one
    /// line per problem (never a secret value); `message` is all of them in one text.
    case refused(message: String, problems: [String])

    /// The outcome's name, also the `result` dimension of the reload counter.
    package var result: String {
        switch self {
        case .applied: "applied"
        case .refused: "refused"
        }
    }
}
