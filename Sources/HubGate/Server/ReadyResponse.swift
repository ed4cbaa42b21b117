import HTTPTypes
import Hummingbird
import NIOCore

/// A complete answer whose body is already in memory: what both the Hummingbird responder and the
/// event-loop path (`EventLoopAnswerHandler`) can send, so neither builds its own error or
/// cache-hit responses.
struct ReadyResponse: Sendable {
    /// The status line.
    var status: HTTPResponse.Status
    /// The header fields, without `Content-Length`, `Date` or `X-Request-Id` (added by whoever writes it).
    var headers: HTTPFields
    /// The whole body.
    var body: ByteBuffer

    /// The status line and fields as written on the event loop: with `Content-Length` and
    /// `X-Request-Id`; the writer adds `Date`.
    func head(requestID: String) -> HTTPResponse {
        var fields = headers
        fields[.contentLength] = String(body.readableBytes)
        fields[.xRequestID] = requestID
        return HTTPResponse(status: status, headerFields: fields)
    }

    /// The same answer for the Hummingbird responder.
    var response: Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
