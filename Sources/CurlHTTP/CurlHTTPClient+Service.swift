import Foundation
import ServiceLifecycle
import Synchronization

extension CurlHTTPClient: Service {
    /// Runs the curl thread until graceful shutdown, then returns once every accepted request
    /// has been answered (each bounded by its timeout).
    ///
    /// On graceful shutdown new requests fail with ``CurlError/shutDown`` and requests in flight
    /// complete. If the task running this is cancelled, requests in flight fail at once with
    /// ``CurlError/shutDown(requestSent:)``. Connections and handles are freed before returning.
    /// A client runs once: calling `run()` again throws ``CurlError/shutDown``.
    package func run() async throws {
        guard self.state.withLock({ $0.start() }) else { throw CurlError.shutDown }
        guard let loop = TransferLoop(client: self, configuration: self.configuration, logger: self.logger) else {
            let queued = self.state.withLock { $0.loopFailedToStart() }
            for transfer in queued { transfer.fail(.shutDown) }
            throw CurlError.other(curlCode: 2, requestSent: false).withDetail("curl initialisation failed")
        }
        let box = LoopBox(loop)
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                    // A thread of its own: curl_multi_poll blocks, which must never happen on
                    // Swift's cooperative pool.
                    let thread = Thread {
                        // Named from inside: on Linux, Foundation only names the running thread, so a
                        // name set before start() never reached `top -H`, perf or gdb.
                        Thread.current.name = "CurlHTTP"
                        box.take().run()
                        finished.resume()
                    }
                    // TLS handshakes run on this thread; do not depend on the platform's default.
                    thread.stackSize = 2 << 20
                    thread.start()
                }
            } onGracefulShutdown: {
                self.shutDown(forced: false)
            }
        } onCancel: {
            self.shutDown(forced: true)
        }
    }
}

/// Carries the (non-`Sendable`) loop to the thread that runs it; it is taken exactly once there,
/// after which only that thread uses it.
private final class LoopBox: @unchecked Sendable {
    private var loop: TransferLoop?

    init(_ loop: TransferLoop) { self.loop = loop }

    func take() -> TransferLoop {
        defer { self.loop = nil }
        return self.loop!
    }
}
