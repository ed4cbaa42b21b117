@testable import CurlHTTP
import CCurl
import Testing

/// libcurl's result codes map to errors that keep whether the request was sent.
@Suite struct CurlErrorTests {
    /// Each code lands on the expected error and bounded label.
    @Test(arguments: [
        (CURLE_COULDNT_CONNECT, false, CurlError.couldNotConnect, "couldNotConnect"),
        (CURLE_COULDNT_RESOLVE_HOST, false, .couldNotConnect, "couldNotConnect"),
        (CURLE_OPERATION_TIMEDOUT, false, .timedOut(requestSent: false), "connectTimeout"),
        (CURLE_OPERATION_TIMEDOUT, true, .timedOut(requestSent: true), "responseTimeout"),
        (CURLE_GOT_NOTHING, true, .emptyReply(requestSent: true), "emptyReply"),
        (CURLE_RECV_ERROR, true, .connectionReset(requestSent: true), "connectionReset"),
        (CURLE_SEND_ERROR, false, .connectionReset(requestSent: false), "connectionReset"),
        (CURLE_PARTIAL_FILE, true, .connectionReset(requestSent: true), "connectionReset"),
        (CURLE_PEER_FAILED_VERIFICATION, false, .tlsFailure, "tlsFailure"),
        (CURLE_WEIRD_SERVER_REPLY, true, .invalidResponse, "invalidResponse"),
        (CURLE_URL_MALFORMAT, false, .invalidRequest, "invalidRequest"),
        (CURLE_HTTP2, true, .other(curlCode: 16, requestSent: true), "curlError"),
    ])
    func codesMap(code: CURLcode, requestSent: Bool, expected: CurlError, label: String) {
        let error = CurlError(curlCode: code, requestSent: requestSent, message: "detail")
        #expect(error == expected)
        #expect(error.shortDescription == label)
        #expect(error.detail?.hasSuffix("detail") == true)
    }

    /// Equality ignores the log detail but not requestSent.
    @Test func equalityIgnoresDetail() {
        #expect(CurlError.timedOut(requestSent: true).withDetail("a") == .timedOut(requestSent: true))
        #expect(CurlError.timedOut(requestSent: true) != .timedOut(requestSent: false))
        #expect(!CurlError.shutDown.description.isEmpty)
    }
}
