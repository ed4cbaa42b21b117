/// The client's shared state between calling tasks and the curl thread, as a value.
///
/// Calling tasks submit and cancel; the curl thread takes the work and says when it sleeps. Every
/// event returns what the caller must do, and the client does it (resuming continuations outside
/// its lock). The loop sleeps in `curl_multi_poll`; it is woken only when it sleeps and new work
/// arrives, so a busy loop costs no wake-up system calls.
struct ClientStateMachine {
    /// Where the client is in its life.
    enum Lifecycle: Equatable {
        /// `run()` not called yet: submissions queue up until the loop starts.
        case idle
        /// The loop runs and takes new work.
        case running
        /// Graceful shutdown: new work is refused, accepted work finishes.
        case draining
        /// Cancelled `run()`: every transfer is failed at once.
        case stopping
        /// The loop has ended; nothing is accepted.
        case stopped
    }

    private(set) var lifecycle = Lifecycle.idle
    /// How many requests wait for the loop to take them.
    var queuedRequestCount: Int { self.inbox.count }
    private var inbox: [PendingTransfer] = []
    private var cancellations: [UInt64] = []
    private var waker: MultiWaker?
    private var isLoopSleeping = false

    /// What to do after ``submit(_:isCancelled:)``.
    enum SubmitAction {
        /// Queued; nothing else to do.
        case none
        /// Queued; wake the loop (under the lock).
        case wake(MultiWaker)
        /// Not queued: resume the caller with the error.
        case fail(PendingTransfer, CurlError)
    }

    /// A task hands over a request. `isCancelled` is read under the lock so that a cancellation
    /// that came before the submission is never lost.
    mutating func submit(_ transfer: PendingTransfer, isCancelled: Bool) -> SubmitAction {
        if isCancelled { return .fail(transfer, .cancelled(requestSent: false)) }
        switch self.lifecycle {
        case .idle:
            self.inbox.append(transfer)
            return .none
        case .running:
            self.inbox.append(transfer)
            return self.wakeIfSleeping()
        case .draining, .stopping, .stopped:
            return .fail(transfer, .shutDown)
        }
    }

    /// What to do after ``cancel(id:)``.
    enum CancelAction {
        /// Nothing: unknown or finished.
        case none
        /// The request never reached the loop: resume its caller.
        case fail(PendingTransfer)
        /// The loop has it: wake the loop (under the lock) to remove it.
        case wake(MultiWaker)
    }

    /// A calling task was cancelled.
    mutating func cancel(id: UInt64) -> CancelAction {
        if let index = self.inbox.firstIndex(where: { $0.id == id }) {
            return .fail(self.inbox.remove(at: index))
        }
        switch self.lifecycle {
        case .running, .draining, .stopping:
            self.cancellations.append(id)
            if case .wake(let waker) = self.wakeIfSleeping() { return .wake(waker) }
            return .none
        case .idle, .stopped:
            // Not yet submitted (its submit sees the task cancelled) or already finished.
            return .none
        }
    }

    /// `run()` was called; returns `false` if it had been called before.
    mutating func start() -> Bool {
        guard self.lifecycle == .idle else { return false }
        self.lifecycle = .running
        return true
    }

    /// Graceful shutdown (`forced == false`) or cancellation of `run()` (`forced == true`).
    /// Returns the waker when the loop must be woken (under the lock).
    mutating func shutDown(forced: Bool) -> MultiWaker? {
        switch self.lifecycle {
        case .idle, .running:
            self.lifecycle = forced ? .stopping : .draining
        case .draining:
            if forced { self.lifecycle = .stopping }
        case .stopping, .stopped:
            return nil
        }
        guard let waker = self.waker else { return nil }
        self.isLoopSleeping = false
        return waker
    }

    /// The loop could not be created: stop, and hand back the queued requests to fail.
    mutating func loopFailedToStart() -> [PendingTransfer] {
        self.stop()
        defer { self.inbox = [] }
        return self.inbox
    }

    /// The loop has started and can be woken with `waker`.
    mutating func loopStarted(waker: MultiWaker) {
        self.waker = waker
    }

    /// What the loop does next, from ``takeWork(activeTransfers:into:cancellations:)``.
    enum LoopStep: Equatable {
        /// Start the transfers and cancel the ids that were moved out.
        case work
        /// Fail every active transfer with ``CurlError/shutDown`` and the moved-out ones too, then stop.
        case stopNow
        /// Nothing is left to do: stop.
        case finished
    }

    /// The loop takes new transfers and cancellations, swapping them into its own (empty) buffers
    /// so that neither side allocates. When it is told to stop, it forgets the waker first.
    mutating func takeWork(
        activeTransfers: Int,
        into transfers: inout [PendingTransfer],
        cancellations: inout [UInt64]
    ) -> LoopStep {
        self.isLoopSleeping = false
        swap(&self.inbox, &transfers)
        swap(&self.cancellations, &cancellations)
        switch self.lifecycle {
        case .stopping:
            self.stop()
            return .stopNow
        case .draining where activeTransfers == 0 && transfers.isEmpty:
            self.stop()
            return .finished
        case .idle, .running, .draining, .stopped:
            return .work
        }
    }

    /// The loop is about to sleep; returns `false` when work or a shutdown is waiting instead.
    mutating func prepareToSleep(activeTransfers: Int) -> Bool {
        guard self.inbox.isEmpty, self.cancellations.isEmpty else { return false }
        switch self.lifecycle {
        case .stopping, .stopped:
            return false
        case .draining where activeTransfers == 0:
            return false
        case .idle, .running, .draining:
            self.isLoopSleeping = true
            return true
        }
    }

    private mutating func stop() {
        self.lifecycle = .stopped
        self.waker = nil
        self.isLoopSleeping = false
    }

    private mutating func wakeIfSleeping() -> SubmitAction {
        guard self.isLoopSleeping, let waker = self.waker else { return .none }
        self.isLoopSleeping = false
        return .wake(waker)
    }
}
