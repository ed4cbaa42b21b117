/// What the client listener reads from the configuration on every request, held in one
/// ``ReloadableValue`` so a reload changes all of it at once and a request sees one version.
struct RequestSettings: Sendable {
    /// Who may call, with which scopes.
    var keyring: ClientKeyring
    /// Largest accepted request body.
    var maxBodyBytes: Int
    /// What v3 reads toward companies return.
    var v3CompanyReads: V3ResponseTranslator.CompanyReads

    /// The settings of `configuration`.
    init(configuration: GatewayConfiguration) {
        keyring = ClientKeyring(clients: configuration.clients)
        maxBodyBytes = configuration.server.maxBodyBytes
        v3CompanyReads = configuration.v3CompanyReads
    }
}
