import CCurl
import Logging
import Synchronization

/// The multi loop that runs on the client's dedicated thread until shutdown.
///
/// Each turn it takes new requests and cancellations from the shared state, lets libcurl do what
/// I/O it can, resumes the callers of finished transfers and sleeps in `curl_multi_poll` until a
/// socket, a libcurl timer or a wake-up needs it. Everything here belongs to the curl thread.
final class TransferLoop {
    private let multi: MultiHandle
    /// The client, for its shared state.
    private let client: CurlHTTPClient
    private let configuration: CurlHTTPClient.Configuration
    private let logger: Logger
    /// Transfers in libcurl's hands, by request id.
    private var active: [UInt64: Transfer] = [:]
    /// Easy handles kept for reuse.
    private var pool: [EasyHandle] = []
    /// Buffers swapped with the shared state each turn, so that taking work allocates nothing.
    private var newTransfers: [PendingTransfer] = []
    private var cancellations: [UInt64] = []

    /// Creates the loop and its multi handle, or returns `nil` when libcurl cannot.
    init?(client: CurlHTTPClient, configuration: CurlHTTPClient.Configuration, logger: Logger) {
        guard let multi = MultiHandle() else { return nil }
        multi.setMaxConnectionsPerHost(configuration.maxConnectionsPerHost)
        multi.setMaxTotalConnections(configuration.maxTotalConnections)
        multi.setMaxIdleConnections(configuration.maxIdleConnections)
        self.multi = multi
        self.client = client
        self.configuration = configuration
        self.logger = logger
        self.active.reserveCapacity(256)
        self.newTransfers.reserveCapacity(64)
        self.cancellations.reserveCapacity(16)
    }

    /// Runs until the shared state says stop; every accepted request has been answered on return.
    func run() {
        self.client.state.withLock { $0.loopStarted(waker: self.multi.waker) }
        self.logger.debug("curl loop started")
        while true {
            let step = self.client.state.withLock { state in
                state.takeWork(
                    activeTransfers: self.active.count,
                    into: &self.newTransfers,
                    cancellations: &self.cancellations
                )
            }
            switch step {
            case .work:
                self.startNewTransfers()
                self.cancelRequestedTransfers()
            case .stopNow:
                self.failEverything()
                self.logger.debug("curl loop stopped early")
                return
            case .finished:
                self.logger.debug("curl loop finished")
                return
            }
            let code = self.multi.perform()
            if code != CURLM_OK {
                self.logger.error("curl_multi_perform failed", metadata: ["curl.code": "\(code.rawValue)"])
            }
            self.completeFinishedTransfers()
            let maySleep = self.client.state.withLock { $0.prepareToSleep(activeTransfers: self.active.count) }
            if maySleep {
                // libcurl shortens the wait to its own next timeout; the cap only bounds a lost wake-up.
                _ = self.multi.poll(maximumMilliseconds: 1000)
            }
        }
    }

    private func startNewTransfers() {
        for pending in self.newTransfers {
            guard let easy = self.pool.popLast() ?? EasyHandle() else {
                pending.fail(.other(curlCode: Int32(CURLE_OUT_OF_MEMORY.rawValue), requestSent: false))
                continue
            }
            let transfer = Transfer(pending: pending, easy: easy, maxBodySize: self.configuration.maxResponseBodySize)
            if let error = transfer.configure(with: self.configuration) {
                self.recycle(easy)
                pending.fail(error)
                continue
            }
            guard self.multi.add(easy) == CURLM_OK else {
                self.recycle(easy)
                pending.fail(.other(curlCode: Int32(CURLE_FAILED_INIT.rawValue), requestSent: false))
                continue
            }
            self.active[pending.id] = transfer
        }
        self.newTransfers.removeAll(keepingCapacity: true)
    }

    private func cancelRequestedTransfers() {
        for id in self.cancellations {
            // Unknown ids finished before the cancellation arrived: nothing to do.
            guard let transfer = self.active.removeValue(forKey: id) else { continue }
            let requestSent = transfer.easy.requestBytesSent > 0
            self.end(transfer)
            transfer.pending.fail(.cancelled(requestSent: requestSent))
        }
        self.cancellations.removeAll(keepingCapacity: true)
    }

    private func completeFinishedTransfers() {
        while let (easy, result) = self.multi.nextFinishedTransfer().map({ ($0.easy, $0.result) }) {
            guard let userdata = EasyHandle.privateData(of: easy) else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
            guard self.active.removeValue(forKey: transfer.pending.id) != nil else { continue }
            let outcome: Result<CurlResponse, CurlError> =
                result == CURLE_OK ? .success(transfer.makeResponse()) : .failure(transfer.makeError(result))
            if case .failure(let error) = outcome {
                self.logger.debug("curl transfer failed", metadata: ["curl.error": "\(error)"])
            }
            self.end(transfer)
            transfer.pending.resume(with: outcome)
        }
    }

    /// Fails every transfer, active or just taken, when `run()` is cancelled.
    private func failEverything() {
        for pending in self.newTransfers { pending.fail(.shutDown) }
        self.newTransfers.removeAll()
        let transfers = self.active.values
        self.active.removeAll()
        for transfer in transfers {
            let requestSent = transfer.easy.requestBytesSent > 0
            self.end(transfer)
            transfer.pending.fail(.shutDown(requestSent: requestSent))
        }
    }

    /// Takes the transfer's handle out of libcurl and back into the pool.
    private func end(_ transfer: Transfer) {
        self.multi.remove(transfer.easy)
        self.recycle(transfer.easy)
    }

    private func recycle(_ easy: EasyHandle) {
        guard self.pool.count < self.configuration.maxPooledHandles else { return }
        easy.reset()
        self.pool.append(easy)
    }
}

@available(*, unavailable)
extension TransferLoop: Sendable {}
