/// Matches the gateway key a client presents against the configured key hashes.
///
/// Pure and synchronous: hashing one short key and comparing it with every configured hash costs
/// about a microsecond, so it runs inline on the request path.
package struct ClientKeyring: Sendable {
    private let clients: [ClientConfiguration]

    /// Creates a keyring from the configured clients.
    package init(clients: [ClientConfiguration]) {
        self.clients = clients
    }

    /// The client whose key is the bearer token of `authorization`, or nil.
    ///
    /// Every configured hash is compared, in constant time, whether or not an earlier one matched,
    /// so timing does not reveal which client (if any) a guessed key is close to.
    package func authenticate(authorization: String?) -> AuthenticatedClient? {
        guard let key = Self.bearerToken(in: authorization) else { return nil }
        let presented = ClientKeyHash.hash(ofKey: key)
        var match: ClientConfiguration?
        for client in clients where ClientKeyHash.constantTimeEquals(client.keyHash, presented) {
            match = client
        }
        return match.map { AuthenticatedClient(name: $0.name, scopes: $0.scopes) }
    }

    /// The token of a `Bearer` credential (scheme case-insensitive, as RFC 9110 says), or nil.
    static func bearerToken(in authorization: String?) -> Substring? {
        guard let authorization else { return nil }
        let trimmed = authorization.drop { $0 == " " }
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        let token = trimmed.dropFirst(7).drop { $0 == " " }
        let end = token.lastIndex { $0 != " " }.map { token.index(after: $0) } ?? token.startIndex
        let result = token[..<end]
        return result.isEmpty ? nil : result
    }
}
