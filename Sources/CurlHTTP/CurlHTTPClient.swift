import Logging
import NIOPosix
import Synchronization

/// An async HTTP client over libcurl's multi interface, driven by one dedicated thread.
///
/// Create it once, run it as a `Service` in the application's `ServiceGroup`, and call
/// ``execute(_:)`` from any task. Connections are kept and reused per host; HTTP/2 is multiplexed
/// over TLS. Nothing starts in `init`: the thread starts in `run()`. Requests made before `run()`
/// wait in a queue until it starts (so a server that starts first need not race it); requests
/// made once shutdown has begun fail with ``CurlError/shutDown``.
///
/// A `ServiceGroup` shuts services down in reverse order: list the client *before* the HTTP
/// server that uses it, so that the server drains its requests while the client still runs.
package final class CurlHTTPClient: Sendable {
    /// The options every request uses.
    package let configuration: Configuration
    /// Handed to the curl thread's loop, which logs its start and stop and each failed transfer.
    let logger: Logger
    /// Shared between calling tasks and the curl thread.
    let state = Mutex(ClientStateMachine())
    private let nextRequestID = Atomic<UInt64>(0)

    /// Creates a client; call `run()` to start it.
    package init(configuration: Configuration = Configuration(), logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// Throws ``CurlError`` when no response arrived: ``CurlError/requestSent`` tells whether the
    /// server may have seen the request. Cancelling the calling task aborts the transfer and throws
    /// ``CurlError/cancelled(requestSent:)``.
    package func execute(_ request: CurlRequest) async throws(CurlError) -> CurlResponse {
        let id = self.nextRequestID.wrappingAdd(1, ordering: .relaxed).newValue
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                self.submit(
                    PendingTransfer(id: id, request: request, continuation: continuation, callerLoop: MultiThreadedEventLoopGroup.currentEventLoop)
                )
            }
        } onCancel: {
            self.cancel(id: id)
        }
        return try result.get()
    }

    private func submit(_ transfer: PendingTransfer) {
        let action = self.state.withLock { state in
            let action = state.submit(transfer, isCancelled: Task.isCancelled)
            // Woken under the lock: the loop forgets its waker under the same lock before it
            // frees the multi handle. The wake-up is one non-blocking write, and only when the
            // loop sleeps.
            if case .wake(let waker) = action { waker.wakeUp() }
            return action
        }
        if case .fail(let transfer, let error) = action {
            transfer.fail(error)
        }
    }

    private func cancel(id: UInt64) {
        let action = self.state.withLock { state in
            let action = state.cancel(id: id)
            if case .wake(let waker) = action { waker.wakeUp() }
            return action
        }
        if case .fail(let transfer) = action {
            transfer.fail(.cancelled(requestSent: false))
        }
    }

    /// Begins graceful (`forced == false`) or immediate shutdown.
    func shutDown(forced: Bool) {
        self.state.withLock { state in
            state.shutDown(forced: forced)?.wakeUp()
        }
    }
}
