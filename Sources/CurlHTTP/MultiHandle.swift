import CCurl

/// A libcurl multi handle: drives many transfers on one thread and owns the connection cache.
///
/// Not thread-safe: used on the curl thread only, except through ``waker``.
final class MultiHandle {
    /// The `CURLM *`.
    private let raw: UnsafeMutableRawPointer

    /// Creates a multi handle, or returns `nil` when libcurl cannot allocate one.
    init?() {
        guard CurlGlobal.isInitialized, let raw = curl_multi_init() else { return nil }
        self.raw = raw
    }

    /// Closes every cached connection and frees the handle; every easy handle must be removed first.
    deinit {
        curl_multi_cleanup(self.raw)
    }

    /// The only part of the handle other threads may use.
    var waker: MultiWaker { MultiWaker(raw: self.raw) }

    /// Starts driving `easy`'s transfer (`curl_multi_add_handle`).
    func add(_ easy: EasyHandle) -> CURLMcode {
        curl_multi_add_handle(self.raw, easy.raw)
    }

    /// Stops driving `easy`'s transfer, finished or not (`curl_multi_remove_handle`).
    func remove(_ easy: EasyHandle) {
        curl_multi_remove_handle(self.raw, easy.raw)
    }

    /// Does all the I/O that can be done now without blocking (`curl_multi_perform`).
    func perform() -> CURLMcode {
        var running: Int32 = 0
        return curl_multi_perform(self.raw, &running)
    }

    /// The next finished transfer, if any (`curl_multi_info_read`, `CURLMSG_DONE`).
    func nextFinishedTransfer() -> (easy: UnsafeMutableRawPointer, result: CURLcode)? {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(self.raw, &queued) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                return (easy, message.pointee.data.result)
            }
        }
        return nil
    }

    /// Blocks until a socket is ready, libcurl's own timer is due, ``MultiWaker/wakeUp()`` is called
    /// or `maximumMilliseconds` pass (`curl_multi_poll`).
    func poll(maximumMilliseconds: Int32) -> CURLMcode {
        curl_multi_poll(self.raw, nil, 0, maximumMilliseconds, nil)
    }

    /// Limits connections to one host (`CURLMOPT_MAX_HOST_CONNECTIONS`).
    func setMaxConnectionsPerHost(_ count: Int) {
        hubgate_multi_setopt_long(self.raw, CURLMOPT_MAX_HOST_CONNECTIONS, count)
    }

    /// Limits connections in all, 0 for no limit (`CURLMOPT_MAX_TOTAL_CONNECTIONS`).
    func setMaxTotalConnections(_ count: Int) {
        hubgate_multi_setopt_long(self.raw, CURLMOPT_MAX_TOTAL_CONNECTIONS, count)
    }

    /// The size of the idle connection cache (`CURLMOPT_MAXCONNECTS`).
    func setMaxIdleConnections(_ count: Int) {
        hubgate_multi_setopt_long(self.raw, CURLMOPT_MAXCONNECTS, count)
    }
}

@available(*, unavailable)
extension MultiHandle: Sendable {}

/// Interrupts a multi handle's ``MultiHandle/poll(maximumMilliseconds:)`` from any thread.
///
/// `@unchecked Sendable` because `curl_multi_wakeup` is the one multi call libcurl documents as
/// thread-safe. The client calls it only under its state lock, and the curl thread drops the
/// waker under that same lock before it frees the handle, so a wake-up never races the cleanup.
struct MultiWaker: @unchecked Sendable {
    fileprivate let raw: UnsafeMutableRawPointer

    /// Makes the current or next `curl_multi_poll` return at once (`curl_multi_wakeup`).
    func wakeUp() {
        curl_multi_wakeup(self.raw)
    }
}
