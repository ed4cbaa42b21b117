/// What the client listener reads from the configuration on every request, held in one
/// ``ReloadableValue`` so a reload changes all of it at once and a request sees one version.
struct RequestSettings: Sendable {
    /// Who may call, with which scopes.
    var keyring: ClientKeyring
    /// Largest accepted request body.
    var maxBodyBytes: Int
    /// What v3 reads toward companies return.
    var v3CompanyReads: V3ResponseTranslator.CompanyReads
    /// Whether a v3 create reads its pairs' current types first and keeps them.
    var v3CreatePreservesLabels: Bool

    /// The settings of `configuration`.
    init(configuration: GatewayConfiguration) {
        keyring = ClientKeyring(clients: configuration.clients)
        maxBodyBytes = configuration.server.maxBodyBytes
        v3CompanyReads = configuration.v3CompanyReads
        v3CreatePreservesLabels = configuration.v3CreatePreservesLabels
    }
}
