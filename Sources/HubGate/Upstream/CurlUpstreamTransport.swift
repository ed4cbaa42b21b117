import CurlHTTP
import HTTPTypes
import Logging

/// The production transport: HubSpot through libcurl, with HubSpot's token injected.
package struct CurlUpstreamTransport: UpstreamTransport {
    private let client: CurlHTTPClient
    private let baseURL: String
    private let credential: HubSpotCredential

    /// Creates a transport that sends to `baseURL` (no trailing slash) with `credential`'s token.
    package init(client: CurlHTTPClient, baseURL: String, credential: HubSpotCredential) {
        self.client = client
        self.baseURL = baseURL
        self.credential = credential
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
            return UpstreamResponse(status: response.status, headerFields: response.headerFields, body: response.body)
        } catch {
            throw Self.gatewayError(for: error)
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
