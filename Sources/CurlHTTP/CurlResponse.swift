import HTTPTypes
import NIOCore

/// The response to a ``CurlRequest``: the final status line's status, its headers and the body.
///
/// Headers are those the server sent, including hop-by-hop ones such as `Connection` or
/// `Transfer-Encoding`; the body has had any chunked framing removed, but no content decoding
/// (a gzip body stays gzip). A relay must drop the hop-by-hop headers itself.
package struct CurlResponse: Sendable {
    /// The status of the final response (interim `1xx` responses are dropped).
    package var status: HTTPResponse.Status
    /// The final response's header fields, in the order received, repeated names kept.
    package var headerFields: HTTPFields
    /// The response body, unchanged.
    package var body: ByteBuffer
    /// Where the time went, as libcurl measured it.
    package var timing: Timing
    /// How many new connections this request opened (`CURLINFO_NUM_CONNECTS`): 0 when it reused one.
    package var newConnectionCount: Int

    /// Creates a response.
    package init(
        status: HTTPResponse.Status,
        headerFields: HTTPFields,
        body: ByteBuffer,
        timing: Timing = .init(),
        newConnectionCount: Int = 0
    ) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
        self.timing = timing
        self.newConnectionCount = newConnectionCount
    }

    /// Durations from the start of the transfer, as libcurl measured them.
    package struct Timing: Sendable, Hashable {
        /// Until the TCP (and, for HTTPS, TLS) connection was ready (`CURLINFO_APPCONNECT_TIME_T`
        /// or `CURLINFO_CONNECT_TIME_T`); zero when a connection was reused.
        package var connect: Duration
        /// Until the first response byte arrived (`CURLINFO_STARTTRANSFER_TIME_T`).
        package var firstByte: Duration
        /// The whole transfer (`CURLINFO_TOTAL_TIME_T`).
        package var total: Duration

        /// Creates a timing record.
        package init(connect: Duration = .zero, firstByte: Duration = .zero, total: Duration = .zero) {
            self.connect = connect
            self.firstByte = firstByte
            self.total = total
        }
    }
}
