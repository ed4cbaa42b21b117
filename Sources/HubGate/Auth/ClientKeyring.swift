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
        // On UTF-8 code units: this runs on every request, and Character-level trimming and
        // lower-casing cost more than the hash that follows.
        let space = UInt8(ascii: " ")
        let utf8 = authorization.utf8
        guard let schemeStart = utf8.firstIndex(where: { $0 != space }) else { return nil }
        let scheme = utf8[schemeStart...].prefix(7)
        guard scheme.count == 7, zip(scheme, "bearer ".utf8).allSatisfy({ Self.asciiLowercased($0) == $1 }) else { return nil }
        let rest = utf8[scheme.endIndex...]
        guard let tokenStart = rest.firstIndex(where: { $0 != space }),
            let tokenLast = rest.lastIndex(where: { $0 != space })
        else { return nil }
        return Substring(authorization[tokenStart...tokenLast])
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
