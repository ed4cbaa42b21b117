import CCurl

/// A libcurl easy handle: the options and state of one transfer at a time.
///
/// Handles are pooled and reused with ``reset()``, which keeps their DNS and TLS session caches
/// and saves an allocation per request. Not thread-safe: used on the curl thread only.
final class EasyHandle {
    /// The `CURL *`.
    let raw: UnsafeMutableRawPointer
    /// libcurl's `CURLOPT_ERRORBUFFER`, allocated once per handle.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates a handle, or returns `nil` when libcurl cannot allocate one.
    init?() {
        guard CurlGlobal.isInitialized, let raw = curl_easy_init() else { return nil }
        self.raw = raw
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(self.raw)
        self.errorBuffer.deallocate()
    }

    /// Forgets every option set for the previous transfer (`curl_easy_reset`); keeps the caches.
    func reset() {
        curl_easy_reset(self.raw)
        self.errorBuffer[0] = 0
    }

    /// libcurl's message for the last failure, or an empty string.
    var errorMessage: String {
        String(cString: self.errorBuffer)
    }
}

@available(*, unavailable)
extension EasyHandle: Sendable {}

// MARK: - Options

extension EasyHandle {
    /// Makes libcurl write its failure message into this handle's buffer (`CURLOPT_ERRORBUFFER`).
    func keepErrorMessages() {
        self.errorBuffer[0] = 0
        hubgate_easy_setopt_pointer(self.raw, CURLOPT_ERRORBUFFER, self.errorBuffer)
    }

    /// The URL to request (`CURLOPT_URL`); libcurl copies the string.
    func setURL(_ url: String) -> CURLcode {
        hubgate_easy_setopt_string(self.raw, CURLOPT_URL, url)
    }

    /// Sends `method` as the request line's method instead of GET/POST (`CURLOPT_CUSTOMREQUEST`).
    func setCustomMethod(_ method: String) {
        hubgate_easy_setopt_string(self.raw, CURLOPT_CUSTOMREQUEST, method)
    }

    /// Sends a HEAD-style request and expects no body (`CURLOPT_NOBODY`).
    func setExpectsNoBody() {
        hubgate_easy_setopt_long(self.raw, CURLOPT_NOBODY, 1)
    }

    /// The number of body bytes at ``setBody(_:)``'s pointer (`CURLOPT_POSTFIELDSIZE_LARGE`);
    /// sent as `Content-Length`.
    func setBodySize(_ count: Int) {
        hubgate_easy_setopt_off_t(self.raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(count))
    }

    /// The body bytes, not copied: they must stay alive and unchanged until the transfer ends
    /// (`CURLOPT_POSTFIELDS`). Setting it makes libcurl send a body even when it is empty.
    func setBody(_ bytes: UnsafeRawPointer) {
        hubgate_easy_setopt_pointer(self.raw, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes))
    }

    /// The request header lines; the list must outlive the transfer (`CURLOPT_HTTPHEADER`).
    func setHeaderList(_ list: UnsafeMutablePointer<curl_slist>?) {
        hubgate_easy_setopt_slist(self.raw, CURLOPT_HTTPHEADER, list)
    }

    /// Opaque per-transfer data readable back with ``privateData`` (`CURLOPT_PRIVATE`).
    func setPrivateData(_ pointer: UnsafeMutableRawPointer) {
        hubgate_easy_setopt_pointer(self.raw, CURLOPT_PRIVATE, pointer)
    }

    /// The function that receives body bytes (`CURLOPT_WRITEFUNCTION`).
    func setBodyCallback(_ callback: hubgate_data_callback) {
        hubgate_easy_setopt_data_callback(self.raw, CURLOPT_WRITEFUNCTION, callback)
    }

    /// The `userdata` passed to the body callback (`CURLOPT_WRITEDATA`).
    func setBodyCallbackData(_ pointer: UnsafeMutableRawPointer) {
        hubgate_easy_setopt_pointer(self.raw, CURLOPT_WRITEDATA, pointer)
    }

    /// The function that receives each response header line (`CURLOPT_HEADERFUNCTION`).
    func setHeaderCallback(_ callback: hubgate_data_callback) {
        hubgate_easy_setopt_data_callback(self.raw, CURLOPT_HEADERFUNCTION, callback)
    }

    /// The `userdata` passed to the header callback (`CURLOPT_HEADERDATA`).
    func setHeaderCallbackData(_ pointer: UnsafeMutableRawPointer) {
        hubgate_easy_setopt_pointer(self.raw, CURLOPT_HEADERDATA, pointer)
    }

    /// Never raises signals: timeouts without `SIGALRM`, required off the main thread (`CURLOPT_NOSIGNAL`).
    func disableSignals() {
        hubgate_easy_setopt_long(self.raw, CURLOPT_NOSIGNAL, 1)
    }

    /// Takes a new connection for this transfer instead of a kept one (`CURLOPT_FRESH_CONNECT`).
    func setFreshConnection() {
        hubgate_easy_setopt_long(self.raw, CURLOPT_FRESH_CONNECT, 1)
    }

    /// The limit for TCP and TLS set-up of a new connection (`CURLOPT_CONNECTTIMEOUT_MS`).
    func setConnectTimeout(_ duration: Duration) {
        hubgate_easy_setopt_long(self.raw, CURLOPT_CONNECTTIMEOUT_MS, duration.wholeMillisecondsRoundedUp)
    }

    /// The limit for the whole transfer (`CURLOPT_TIMEOUT_MS`).
    func setTotalTimeout(_ duration: Duration) {
        hubgate_easy_setopt_long(self.raw, CURLOPT_TIMEOUT_MS, duration.wholeMillisecondsRoundedUp)
    }

    /// Sends small writes at once instead of batching them (Nagle off, `CURLOPT_TCP_NODELAY`).
    func disableNagle() {
        hubgate_easy_setopt_long(self.raw, CURLOPT_TCP_NODELAY, 1)
    }

    /// Turns on TCP keepalive probes (`CURLOPT_TCP_KEEPALIVE`).
    func enableTCPKeepalive() {
        hubgate_easy_setopt_long(self.raw, CURLOPT_TCP_KEEPALIVE, 1)
    }

    /// Idle time before the first keepalive probe (`CURLOPT_TCP_KEEPIDLE`).
    func setTCPKeepaliveIdle(_ duration: Duration) {
        hubgate_easy_setopt_long(self.raw, CURLOPT_TCP_KEEPIDLE, duration.wholeSecondsAtLeastOne)
    }

    /// Time between keepalive probes (`CURLOPT_TCP_KEEPINTVL`).
    func setTCPKeepaliveInterval(_ duration: Duration) {
        hubgate_easy_setopt_long(self.raw, CURLOPT_TCP_KEEPINTVL, duration.wholeSecondsAtLeastOne)
    }

    /// Which HTTP version to negotiate (`CURLOPT_HTTP_VERSION`).
    func setHTTPVersion(_ version: CurlHTTPClient.Configuration.HTTPVersion) {
        let value =
            switch version {
            case .http2OverTLS: CURL_HTTP_VERSION_2TLS
            case .http1: CURL_HTTP_VERSION_1_1
            }
        hubgate_easy_setopt_long(self.raw, CURLOPT_HTTP_VERSION, value)
    }

    /// Waits for a multiplexable connection rather than opening another one (`CURLOPT_PIPEWAIT`).
    func preferMultiplexing() {
        hubgate_easy_setopt_long(self.raw, CURLOPT_PIPEWAIT, 1)
    }

    /// The proxy to use; an empty string uses none, whatever the environment says (`CURLOPT_PROXY`).
    func setProxy(_ proxy: String) {
        hubgate_easy_setopt_string(self.raw, CURLOPT_PROXY, proxy)
    }

    /// The `User-Agent` sent unless the request's own header overrides it (`CURLOPT_USERAGENT`).
    func setUserAgent(_ userAgent: String) {
        hubgate_easy_setopt_string(self.raw, CURLOPT_USERAGENT, userAgent)
    }

    /// Skips certificate and host name checks (`CURLOPT_SSL_VERIFYPEER`, `CURLOPT_SSL_VERIFYHOST`).
    func disableTLSVerification() {
        hubgate_easy_setopt_long(self.raw, CURLOPT_SSL_VERIFYPEER, 0)
        hubgate_easy_setopt_long(self.raw, CURLOPT_SSL_VERIFYHOST, 0)
    }
}

// MARK: - Information

extension EasyHandle {
    /// The pointer set with ``setPrivateData(_:)`` on the handle `raw` (`CURLINFO_PRIVATE`).
    static func privateData(of raw: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        var pointer: UnsafeMutableRawPointer?
        hubgate_easy_getinfo_pointer(raw, CURLINFO_PRIVATE, &pointer)
        return pointer
    }

    /// Request bytes written to the connection so far (`CURLINFO_REQUEST_SIZE`); more than zero
    /// means the server may have seen the request.
    var requestBytesSent: Int {
        var value = 0
        hubgate_easy_getinfo_long(self.raw, CURLINFO_REQUEST_SIZE, &value)
        return value
    }

    /// The last response's status code (`CURLINFO_RESPONSE_CODE`).
    var responseCode: Int {
        var value = 0
        hubgate_easy_getinfo_long(self.raw, CURLINFO_RESPONSE_CODE, &value)
        return value
    }

    /// How many new connections the transfer opened (`CURLINFO_NUM_CONNECTS`).
    var newConnectionCount: Int {
        var value = 0
        hubgate_easy_getinfo_long(self.raw, CURLINFO_NUM_CONNECTS, &value)
        return value
    }

    /// The connect, first-byte and total times (`CURLINFO_*_TIME_T`, microseconds).
    var timing: CurlResponse.Timing {
        let connect = max(self.microseconds(CURLINFO_APPCONNECT_TIME_T), self.microseconds(CURLINFO_CONNECT_TIME_T))
        return CurlResponse.Timing(
            connect: .microseconds(connect),
            firstByte: .microseconds(self.microseconds(CURLINFO_STARTTRANSFER_TIME_T)),
            total: .microseconds(self.microseconds(CURLINFO_TOTAL_TIME_T))
        )
    }

    private func microseconds(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        hubgate_easy_getinfo_off_t(self.raw, info, &value)
        return Int64(value)
    }
}
