import HTTPTypes
import NIOCore

/// A call HubGate makes to HubSpot, before the token is injected.
package struct UpstreamRequest: Sendable {
    /// HTTP method.
    package var method: HTTPRequest.Method
    /// Path and query, starting with `/` (`/crm/v4/associations/contacts/companies/batch/read`).
    package var pathAndQuery: String
    /// Headers to send; never an `Authorization` header (the transport adds HubSpot's).
    package var headerFields: HTTPFields
    /// Request body, if any.
    package var body: ByteBuffer?
    /// Whether it may be sent again when its outcome is unknown (decides retries).
    package var kind: UpstreamCallKind

    /// Creates an upstream request; without a `kind`, GET is a read and anything else is treated as
    /// a create, which is never repeated blindly.
    package init(method: HTTPRequest.Method, pathAndQuery: String, headerFields: HTTPFields = [:], body: ByteBuffer? = nil, kind: UpstreamCallKind? = nil) {
        self.method = method
        self.pathAndQuery = pathAndQuery
        self.headerFields = headerFields
        self.body = body
        self.kind = kind ?? (method == .get ? .read : .create)
    }
}
