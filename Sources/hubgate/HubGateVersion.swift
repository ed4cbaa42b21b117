/// The version `hubgate version` prints.
enum HubGateVersion {
    static let current = "0.1.0"
}
