/// Why a ``CurlHTTPClient/execute(_:)`` call produced no response.
///
/// Compare with the static members (`error == .timedOut(requestSent: true)`); ``requestSent`` says
/// whether the server may have seen the request, which decides whether a non-idempotent call's
/// outcome is unknown. ``shortDescription`` is bounded and fit for a metric label. ``detail``
/// carries libcurl's own message for logs only: never show it to a gateway client.
package struct CurlError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case couldNotConnect
        case timedOut
        case connectionReset
        case emptyReply
        case tlsFailure
        case invalidResponse
        case responseTooLarge
        case invalidRequest
        case shutDown
        case cancelled
        case other(Int32)
    }

    private let code: Code
    /// Whether any part of the request may have reached the server. `false` means it certainly
    /// did not, so any request may be retried; `true` means a write's outcome is unknown.
    package let requestSent: Bool
    /// libcurl's message and code for logs; not part of equality and never for clients.
    package let detail: String?

    private init(_ code: Code, requestSent: Bool, detail: String? = nil) {
        self.code = code
        self.requestSent = requestSent
        self.detail = detail
    }

    /// The same error with libcurl's message attached for logs.
    func withDetail(_ detail: String) -> CurlError {
        CurlError(self.code, requestSent: self.requestSent, detail: detail)
    }

    /// No connection could be made: refused, unreachable, or the name did not resolve.
    package static let couldNotConnect = CurlError(.couldNotConnect, requestSent: false)
    /// The connect or total timeout expired; `requestSent` tells before or after the request went out.
    package static func timedOut(requestSent: Bool) -> CurlError { CurlError(.timedOut, requestSent: requestSent) }
    /// The connection failed while sending or receiving (reset, broken pipe, truncated body).
    package static func connectionReset(requestSent: Bool) -> CurlError {
        CurlError(.connectionReset, requestSent: requestSent)
    }
    /// The server closed the connection without sending any response.
    package static func emptyReply(requestSent: Bool) -> CurlError { CurlError(.emptyReply, requestSent: requestSent) }
    /// The TLS handshake or certificate verification failed; nothing was sent.
    package static let tlsFailure = CurlError(.tlsFailure, requestSent: false)
    /// The server's answer was not valid HTTP.
    package static let invalidResponse = CurlError(.invalidResponse, requestSent: true)
    /// The response body exceeded ``CurlHTTPClient/Configuration/maxResponseBodySize``; the
    /// request was sent and the server answered, but the answer was dropped.
    package static let responseTooLarge = CurlError(.responseTooLarge, requestSent: true)
    /// The request could not be sent as given: a malformed URL, an unsupported scheme or option.
    package static let invalidRequest = CurlError(.invalidRequest, requestSent: false)
    /// The client is shutting down or has stopped; the request was not sent.
    package static let shutDown = CurlError(.shutDown, requestSent: false)
    /// The client's `run()` was cancelled while the request was in flight.
    package static func shutDown(requestSent: Bool) -> CurlError { CurlError(.shutDown, requestSent: requestSent) }
    /// The calling task was cancelled; `requestSent` tells whether the request had gone out.
    package static func cancelled(requestSent: Bool) -> CurlError { CurlError(.cancelled, requestSent: requestSent) }
    /// Any other libcurl failure, by its `CURLcode`.
    package static func other(curlCode: Int32, requestSent: Bool) -> CurlError {
        CurlError(.other(curlCode), requestSent: requestSent)
    }

    /// Whether this is a timeout, whatever `requestSent` says.
    package var isTimeout: Bool { self.code == .timedOut }
    /// Whether the calling task was cancelled, whatever `requestSent` says.
    package var isCancellation: Bool { self.code == .cancelled }

    /// A bounded, stable name for metric labels and log keys.
    package var shortDescription: String {
        switch self.code {
        case .couldNotConnect: "couldNotConnect"
        case .timedOut: self.requestSent ? "responseTimeout" : "connectTimeout"
        case .connectionReset: "connectionReset"
        case .emptyReply: "emptyReply"
        case .tlsFailure: "tlsFailure"
        case .invalidResponse: "invalidResponse"
        case .responseTooLarge: "responseTooLarge"
        case .invalidRequest: "invalidRequest"
        case .shutDown: "shutDown"
        case .cancelled: "cancelled"
        case .other: "curlError"
        }
    }

    /// The short description, the `requestSent` flag and, when known, libcurl's detail.
    package var description: String {
        var text = "CurlError.\(self.shortDescription)(requestSent: \(self.requestSent))"
        if case .other(let curlCode) = self.code { text += " CURLcode \(curlCode)" }
        if let detail = self.detail { text += ": \(detail)" }
        return text
    }

    /// Equal when the kind and `requestSent` match; ``detail`` is ignored.
    package static func == (lhs: CurlError, rhs: CurlError) -> Bool {
        lhs.code == rhs.code && lhs.requestSent == rhs.requestSent
    }
}
