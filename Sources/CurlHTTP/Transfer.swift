import CCurl
import HTTPTypes
import NIOCore

/// One request in flight on the curl thread: its easy handle, the memory libcurl reads from
/// (header list, body) and the response as it arrives.
///
/// The transfer owns everything libcurl points into, so it must live until its handle has been
/// removed from the multi handle; the loop keeps it in its table of active transfers until then.
final class Transfer {
    /// What was submitted, including the continuation to resume.
    let pending: PendingTransfer
    /// The handle doing the transfer.
    let easy: EasyHandle
    /// Request header lines, freed with the transfer.
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// The status and headers received so far.
    private(set) var head = ResponseHead()
    /// The body received so far; allocated on the first byte, sized by `Content-Length` when known.
    private var body: ByteBuffer?

    /// The largest body accepted.
    private let maxBodySize: Int
    /// Whether the body callback refused bytes because of ``maxBodySize``.
    private var didExceedMaxBodySize = false

    /// Binds `pending` to `easy`; ``configure(with:)`` sets the options.
    init(pending: PendingTransfer, easy: EasyHandle, maxBodySize: Int) {
        self.pending = pending
        self.easy = easy
        self.maxBodySize = maxBodySize
    }

    deinit {
        curl_slist_free_all(self.headerList)
    }

    /// Appends one request header line; `line` is copied.
    func appendHeaderLine(_ line: UnsafePointer<CChar>) -> Bool {
        guard let list = curl_slist_append(self.headerList, line) else { return false }
        self.headerList = list
        return true
    }

    /// The header lines for ``EasyHandle/setHeaderList(_:)``.
    var headerLines: UnsafeMutablePointer<curl_slist>? { self.headerList }

    /// Takes one response header line (from the header callback).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        self.head.consume(line: bytes)
    }

    /// Takes response body bytes (from the body callback); returns `false` to abort the transfer
    /// when the body grows past the limit.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard (self.body?.readableBytes ?? 0) + bytes.count <= self.maxBodySize else {
            self.didExceedMaxBodySize = true
            return false
        }
        if self.body == nil {
            let expected = min(self.head.contentLength ?? 0, self.maxBodySize)
            self.body = ByteBufferAllocator().buffer(capacity: max(expected, bytes.count))
        }
        self.body!.writeBytes(bytes)
        return true
    }

    /// The finished response, once libcurl reported success.
    func makeResponse() -> CurlResponse {
        let status = self.head.status ?? HTTPResponse.Status(code: self.easy.responseCode)
        return CurlResponse(
            status: status,
            headerFields: self.head.headerFields,
            body: self.body ?? ByteBuffer(),
            timing: self.easy.timing,
            newConnectionCount: self.easy.newConnectionCount
        )
    }

    /// The error for a failed transfer, with libcurl's message kept for logs.
    func makeError(_ code: CURLcode) -> CurlError {
        if code == CURLE_WRITE_ERROR, self.didExceedMaxBodySize {
            return CurlError.responseTooLarge.withDetail("body larger than \(self.maxBodySize) bytes")
        }
        return CurlError(curlCode: code, requestSent: self.easy.requestBytesSent > 0, message: self.easy.errorMessage)
    }
}

@available(*, unavailable)
extension Transfer: Sendable {}
