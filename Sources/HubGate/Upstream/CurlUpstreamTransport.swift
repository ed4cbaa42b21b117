import CurlHTTP
import HTTPTypes
import Logging

/// The production transport: HubSpot through libcurl, with HubSpot's token injected.
///
/// What only the operator can fix is logged as a warning, at most every 10 s each: HubSpot out of
/// reach (with libcurl's reason: refused, DNS, TLS, timeout), and HubSpot refusing HubGate's own
/// token (401) or the private app's scopes (403). Clients get a 502, 504 or HubSpot's answer, and
/// the access log only a status, which does not say why.
package struct CurlUpstreamTransport: UpstreamTransport {
    private let client: CurlHTTPClient
    private let baseURL: String
    private let credential: HubSpotCredential
    private let logger: Logger
    private let unreachable = ThrottledWarning()
    private let refused = ThrottledWarning()

    /// Creates a transport that sends to `baseURL` (no trailing slash) with `credential`'s token.
    package init(client: CurlHTTPClient, baseURL: String, credential: HubSpotCredential, logger: Logger = Logger(label: "hubgate")) {
        self.client = client
        self.baseURL = baseURL
        self.credential = credential
        self.logger = logger
    }

    package func send(_ request: UpstreamRequest) async throws(GatewayError) -> UpstreamResponse {
        var headers = request.headerFields
        headers[.authorization] = credential.authorizationHeader
        let curlRequest = CurlRequest(
            method: request.method,
            url: baseURL + request.pathAndQuery,
            headerFields: headers,
            body: request.body,
            // libcurl re-sends a request silently when a reused connection dies before any answer
            // byte; a call that must never be repeated takes a fresh connection so it cannot.
            mayReuseConnection: request.kind.isSafeToRepeat
        )
        do {
            let response = try await client.execute(curlRequest)
            if response.status == .unauthorized || response.status == .forbidden {
                refused.warn(
                    logger,
                    "HubSpot refused HubGate's token: check hubspot.token and the private app's scopes",
                    metadata: ["upstream.status": "\(response.status.code)", "upstream.path": "\(request.pathAndQuery.prefix { $0 != "?" })"]
                )
            }
            return UpstreamResponse(status: response.status, headerFields: response.headerFields, body: response.body)
        } catch {
            let gatewayError = Self.gatewayError(for: error)
            if gatewayError != .shuttingDown {
                // libcurl's message names the host and the reason, never a header.
                unreachable.warn(logger, "HubSpot call failed", metadata: ["upstream.error": "\(error)", "upstream.url": "\(baseURL)"])
            }
            throw gatewayError
        }
    }

    /// What a client is told when no complete answer came back.
    static func gatewayError(for error: CurlError) -> GatewayError {
        if error.isTimeout { return .upstreamTimeout }
        switch error {
        case .couldNotConnect, .tlsFailure: return .upstreamUnreachable
        case .shutDown: return .shuttingDown
        default: return error.requestSent ? .upstreamConnectionLost : .upstreamUnreachable
        }
    }
}
