/// A request handed from a calling task to the curl thread, with the continuation to resume.
struct PendingTransfer: Sendable {
    /// Identifies the request for cancellation.
    let id: UInt64
    /// What to send.
    let request: CurlRequest
    /// Resumed exactly once: by the curl thread, or by the client if the request never got there.
    let continuation: CheckedContinuation<Result<CurlResponse, CurlError>, Never>

    /// Resumes the caller with `error`.
    func fail(_ error: CurlError) {
        self.continuation.resume(returning: .failure(error))
    }
}
