/// The version `hubgate version` prints.
enum HubGateVersion {
    /// This build's version, semantic-versioning style.
    static let current = "0.1.0"
}
