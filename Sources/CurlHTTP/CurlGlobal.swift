import CCurl

/// The process-wide `curl_global_init`, done exactly once.
///
/// libcurl requires `curl_global_init` before any other call and it is not thread-safe itself;
/// a Swift `static let` is initialised lazily and exactly once under `swift_once`, which gives
/// the "once per process, from any thread" guarantee without a lock of our own. The library is
/// never de-initialised: other parts of the process may still hold handles at exit.
enum CurlGlobal {
    /// Whether `curl_global_init(CURL_GLOBAL_ALL)` succeeded; evaluated on first access.
    static let isInitialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}
