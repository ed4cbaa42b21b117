/// The client service a request was authenticated as.
package struct AuthenticatedClient: Sendable, Equatable {
    /// The configured client name, for logs and metrics.
    package var name: String
    /// What the client may do.
    package var scopes: Set<ClientScope>

    /// Creates an authenticated client.
    package init(name: String, scopes: Set<ClientScope>) {
        self.name = name
        self.scopes = scopes
    }
}
