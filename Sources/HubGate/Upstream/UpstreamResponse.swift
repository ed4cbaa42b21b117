import HTTPTypes
import NIOCore

/// HubSpot's answer to an upstream call.
package struct UpstreamResponse: Sendable {
    /// HTTP status.
    package var status: HTTPResponse.Status
    /// All response headers.
    package var headerFields: HTTPFields
    /// Response body (possibly empty).
    package var body: ByteBuffer

    /// Creates an upstream response.
    package init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }
}
