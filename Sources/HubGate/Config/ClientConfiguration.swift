/// One client service allowed to call the gateway, identified by the SHA-256 hash of its key.
///
/// The key itself is never configured or stored: operators put `sha256:<hex>` (from `hubgate hash-key`)
/// in the configuration, so a leaked configuration file does not leak usable keys.
package struct ClientConfiguration: Sendable, Equatable {
    /// A short name for logs and metrics (`billing`, `crm-sync`).
    package var name: String
    /// SHA-256 of the client's key, 32 bytes.
    package var keyHash: [UInt8]
    /// What the client may do.
    package var scopes: Set<ClientScope>

    /// Creates a client from its name, key hash and scopes.
    package init(name: String, keyHash: [UInt8], scopes: Set<ClientScope>) {
        self.name = name
        self.keyHash = keyHash
        self.scopes = scopes
    }
}
