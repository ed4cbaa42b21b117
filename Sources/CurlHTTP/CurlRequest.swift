import HTTPTypes
import NIOCore

/// One HTTP request to send with ``CurlHTTPClient``.
package struct CurlRequest: Sendable {
    /// The request method; any method is sent as given (`CURLOPT_CUSTOMREQUEST`).
    package var method: HTTPRequest.Method
    /// The absolute URL, e.g. `https://api.hubapi.com/crm/v4/associations/...`.
    package var url: String
    /// Header fields sent as given. The client adds no `Accept`, `Content-Type` or `Expect` of its
    /// own (libcurl's defaults are switched off) and drops `Content-Length`, `Transfer-Encoding`
    /// and `Connection`, whose values libcurl writes from the body and connection it uses.
    package var headerFields: HTTPFields
    /// The request body, sent with a `Content-Length`. `nil` sends no body, except for `PUT`,
    /// `POST` and `PATCH`, which always send one (`Content-Length: 0` when `nil`).
    package var body: ByteBuffer?
    /// The whole exchange's time limit; overrides the client's ``CurlHTTPClient/Configuration/requestTimeout``.
    package var timeout: Duration?
    /// Whether the request may go over a connection kept from an earlier request. libcurl silently
    /// sends a request again when a reused connection turns out dead before any answer byte; a
    /// request that must never be sent twice (a create) asks for a fresh connection instead
    /// (`CURLOPT_FRESH_CONNECT`), on which libcurl never does that.
    package var mayReuseConnection: Bool

    /// Creates a request.
    package init(
        method: HTTPRequest.Method,
        url: String,
        headerFields: HTTPFields = [:],
        body: ByteBuffer? = nil,
        timeout: Duration? = nil,
        mayReuseConnection: Bool = true
    ) {
        self.method = method
        self.url = url
        self.headerFields = headerFields
        self.body = body
        self.timeout = timeout
        self.mayReuseConnection = mayReuseConnection
    }
}
