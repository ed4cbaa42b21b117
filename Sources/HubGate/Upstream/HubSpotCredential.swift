import Synchronization

/// The HubSpot token as every upstream call sends it, replaceable while calls run so a rotated
/// token (a new `hubspot.tokenFile` or `HUBGATE_HUBSPOT_TOKEN`) takes effect on reload, without a
/// restart. Calls already sent finish with the token they were sent with.
package final class HubSpotCredential: Sendable {
    /// The whole `Authorization` value, built once per token rather than once per call.
    private let authorization: Mutex<String>

    /// Creates the credential for `token`.
    package init(token: Secret) {
        authorization = Mutex(Self.header(for: token))
    }

    /// The `Authorization` header value for the next call. Never log it.
    package var authorizationHeader: String { authorization.withLock { $0 } }

    /// Sends `token` from the next call on.
    package func replace(token: Secret) {
        let header = Self.header(for: token)
        authorization.withLock { $0 = header }
    }

    private static func header(for token: Secret) -> String {
        "Bearer " + token.reveal()
    }
}
