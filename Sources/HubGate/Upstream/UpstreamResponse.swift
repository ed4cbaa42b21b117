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
    /// An earlier attempt of the same call, repeated by `RetryingTransport`, may have been applied:
    /// it timed out or lost its connection after sending, or HubSpot answered 5xx. This answer then
    /// does not tell the call's whole outcome (a label delete whose first attempt took effect gets
    /// 404 on its second).
    package var followsAttemptWithUnknownOutcome = false

    /// Creates an upstream response.
    package init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }
}
