import NIOCore

/// A request handed from a calling task to the curl thread, with the continuation to resume.
struct PendingTransfer: Sendable {
    /// Identifies the request for cancellation.
    let id: UInt64
    /// What to send.
    let request: CurlRequest
    /// Resumed exactly once: by the curl thread, or by the client if the request never got there.
    let continuation: CheckedContinuation<Result<CurlResponse, CurlError>, Never>
    /// The NIO event loop the caller ran on, if it ran on one (Swift tasks run on the event loops).
    /// The caller is resumed from it: a task resumed from the curl thread would be enqueued on
    /// whichever loop comes next, and its answer would then hop to the connection's own loop.
    var callerLoop: (any EventLoop)? = nil

    /// Resumes the caller with `error`.
    func fail(_ error: CurlError) {
        resume(with: .failure(error))
    }

    /// Resumes the caller with `outcome`, on its own event loop when it has one.
    func resume(with outcome: Result<CurlResponse, CurlError>) {
        guard let callerLoop, !callerLoop.inEventLoop else {
            continuation.resume(returning: outcome)
            return
        }
        let continuation = self.continuation
        callerLoop.execute { continuation.resume(returning: outcome) }
    }
}
