import CCurl

extension CurlError {
    /// Maps a failed transfer's `CURLcode` to an error.
    ///
    /// - Parameters:
    ///   - code: the transfer's result.
    ///   - requestSent: whether libcurl had written any request bytes (`CURLINFO_REQUEST_SIZE` > 0).
    ///   - message: libcurl's error buffer, kept as ``detail`` for logs.
    init(curlCode code: CURLcode, requestSent: Bool, message: String) {
        let error: CurlError =
            switch code {
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
                .couldNotConnect
            case CURLE_OPERATION_TIMEDOUT:
                .timedOut(requestSent: requestSent)
            case CURLE_GOT_NOTHING:
                .emptyReply(requestSent: requestSent)
            case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2_STREAM:
                .connectionReset(requestSent: requestSent)
            case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
                CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
                requestSent ? .connectionReset(requestSent: true) : .tlsFailure
            case CURLE_WEIRD_SERVER_REPLY:
                .invalidResponse
            case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT,
                CURLE_NOT_BUILT_IN, CURLE_UNKNOWN_OPTION:
                requestSent ? .other(curlCode: Int32(code.rawValue), requestSent: true) : .invalidRequest
            default:
                .other(curlCode: Int32(code.rawValue), requestSent: requestSent)
            }
        self = error.withDetail("CURLcode \(code.rawValue): \(message)")
    }
}
