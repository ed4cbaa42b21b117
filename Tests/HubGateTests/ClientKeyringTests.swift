import Testing

@testable import HubGate

/// Client key hashing, parsing and matching.
struct ClientKeyringTests {
    let keyring = ClientKeyring(clients: [
        ClientConfiguration(name: "reader", keyHash: ClientKeyHash.hash(ofKey: "reader-key-0123456789"), scopes: [.read]),
        ClientConfiguration(name: "writer", keyHash: ClientKeyHash.hash(ofKey: "writer-key-0123456789"), scopes: [.read, .write]),
    ])

    /// A configured key authenticates as its client with its scopes.
    @Test func matchesConfiguredKey() {
        #expect(keyring.authenticate(authorization: "Bearer reader-key-0123456789") == AuthenticatedClient(name: "reader", scopes: [.read]))
        #expect(keyring.authenticate(authorization: "Bearer writer-key-0123456789")?.name == "writer")
    }

    /// The scheme is case-insensitive and surrounding spaces are ignored, as RFC 9110 allows.
    @Test func acceptsSchemeInAnyCase() {
        #expect(keyring.authenticate(authorization: "bearer reader-key-0123456789")?.name == "reader")
        #expect(keyring.authenticate(authorization: "BEARER   reader-key-0123456789  ")?.name == "reader")
    }

    /// Unknown keys, other schemes, empty tokens and missing headers authenticate nobody.
    @Test(arguments: [nil, "", "Bearer", "Bearer ", "Basic cmVhZGVyOmtleQ==", "Bearer reader-key-012345678", "reader-key-0123456789", "Bearer reader-key-0123456789x"])
    func rejectsAnythingElse(authorization: String?) {
        #expect(keyring.authenticate(authorization: authorization) == nil)
    }

    /// The configuration spelling of a hash parses back to the same bytes, with or without prefix.
    @Test func hashFormatRoundTrips() throws {
        let formatted = ClientKeyHash.formatted(ofKey: "demo")
        #expect(formatted == "sha256:2a97516c354b68848cdbd8f54a226a0a55b21ed138e207ad6c5cbb9c00aa5aea")
        #expect(ClientKeyHash.parse(formatted) == ClientKeyHash.hash(ofKey: "demo"))
        #expect(ClientKeyHash.parse(String(formatted.dropFirst(7)).uppercased()) == ClientKeyHash.hash(ofKey: "demo"))
    }

    /// Malformed hashes are refused rather than half-parsed.
    @Test(arguments: ["", "sha256:", "sha256:abc", "sha256:" + String(repeating: "g", count: 64), "md5:" + String(repeating: "a", count: 64)])
    func rejectsMalformedHashes(text: String) {
        #expect(ClientKeyHash.parse(text) == nil)
    }

    /// Constant-time comparison still answers correctly for equal, different and differently sized input.
    @Test func constantTimeEquality() {
        #expect(ClientKeyHash.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!ClientKeyHash.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!ClientKeyHash.constantTimeEquals([1, 2, 3], [1, 2]))
    }
}
