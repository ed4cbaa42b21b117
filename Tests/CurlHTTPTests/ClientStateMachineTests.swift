@testable import CurlHTTP
import HTTPTypes
import Testing

/// The shared state hands work to the loop, wakes it only when needed, and refuses work when stopping.
@Suite struct ClientStateMachineTests {
    /// Runs `body` with a pending transfer whose continuation the body must resume (via `fail`).
    private func withPending(id: UInt64 = 1, _ body: (PendingTransfer) -> Void) async -> Result<CurlResponse, CurlError> {
        await withCheckedContinuation { continuation in
            body(PendingTransfer(id: id, request: CurlRequest(method: .get, url: "http://x/"), continuation: continuation))
        }
    }

    /// A real multi handle, only so that the state machine has a waker to hand out; tests keep it
    /// alive and never wake it.
    private let multi = MultiHandle()
    private var waker: MultiWaker? { self.multi?.waker }

    /// Before `run()`, submissions queue without waking anything.
    @Test func idleQueues() async {
        var state = ClientStateMachine()
        _ = await self.withPending { pending in
            guard case .none = state.submit(pending, isCancelled: false) else { Issue.record("expected none"); return }
            #expect(state.queuedRequestCount == 1)
            guard case .fail(let queued) = state.cancel(id: pending.id) else { Issue.record("expected fail"); return }
            queued.fail(.cancelled(requestSent: false))
        }
        #expect(state.queuedRequestCount == 0)
    }

    /// A task cancelled before it submits is failed at once, not queued.
    @Test func cancelledSubmissionFails() async {
        var state = ClientStateMachine()
        let result = await self.withPending { pending in
            guard case .fail(let failed, let error) = state.submit(pending, isCancelled: true) else { return }
            failed.fail(error)
        }
        #expect(throws: CurlError.cancelled(requestSent: false)) { try result.get() }
    }

    /// A sleeping loop is woken once per sleep, however many requests arrive.
    @Test func wakesOnlyWhenSleeping() async throws {
        var state = ClientStateMachine()
        let waker = try #require(self.waker)
        let started = state.start()
        #expect(started)
        state.loopStarted(waker: waker)
        var taken: [PendingTransfer] = []
        var cancellations: [UInt64] = []
        let firstStep = state.takeWork(activeTransfers: 0, into: &taken, cancellations: &cancellations)
        #expect(firstStep == .work)
        let mayFirstSleep = state.prepareToSleep(activeTransfers: 0)
        #expect(mayFirstSleep)
        // Each caller is resumed right after its submission; the inbox keeps only the data.
        _ = await self.withPending(id: 1) { first in
            if case .wake = state.submit(first, isCancelled: false) {} else { Issue.record("expected wake") }
            first.fail(.shutDown)
        }
        _ = await self.withPending(id: 2) { second in
            if case .none = state.submit(second, isCancelled: false) {} else { Issue.record("expected none") }
            second.fail(.shutDown)
        }
        let maySleep = state.prepareToSleep(activeTransfers: 0)
        #expect(!maySleep)
        let step = state.takeWork(activeTransfers: 0, into: &taken, cancellations: &cancellations)
        #expect(step == .work)
        #expect(taken.map(\.id) == [1, 2])
    }

    /// Graceful shutdown refuses new work and finishes only when no transfer is active.
    @Test func drainingFinishesWhenIdle() async throws {
        var state = ClientStateMachine()
        let waker = try #require(self.waker)
        let started = state.start()
        #expect(started)
        state.loopStarted(waker: waker)
        let wakerToWake = state.shutDown(forced: false)
        #expect(wakerToWake != nil)
        let result = await self.withPending { pending in
            guard case .fail(let failed, let error) = state.submit(pending, isCancelled: false) else { return }
            failed.fail(error)
        }
        #expect(throws: CurlError.shutDown) { try result.get() }
        var taken: [PendingTransfer] = []
        var cancellations: [UInt64] = []
        let stepWhileBusy = state.takeWork(activeTransfers: 1, into: &taken, cancellations: &cancellations)
        #expect(stepWhileBusy == .work)
        let maySleepWhileBusy = state.prepareToSleep(activeTransfers: 1)
        #expect(maySleepWhileBusy)
        let maySleepWhenIdle = state.prepareToSleep(activeTransfers: 0)
        #expect(!maySleepWhenIdle)
        let stepWhenIdle = state.takeWork(activeTransfers: 0, into: &taken, cancellations: &cancellations)
        #expect(stepWhenIdle == .finished)
        #expect(state.lifecycle == .stopped)
        let restarted = state.start()
        #expect(!restarted)
    }

    /// Cancelling `run()` stops the loop at once, even with transfers active.
    @Test func forcedShutdownStopsNow() async throws {
        var state = ClientStateMachine()
        let waker = try #require(self.waker)
        let started = state.start()
        #expect(started)
        state.loopStarted(waker: waker)
        let wakerToWake = state.shutDown(forced: true)
        #expect(wakerToWake != nil)
        var taken: [PendingTransfer] = []
        var cancellations: [UInt64] = []
        let step = state.takeWork(activeTransfers: 3, into: &taken, cancellations: &cancellations)
        #expect(step == .stopNow)
        let wakerAfterStop = state.shutDown(forced: true)
        #expect(wakerAfterStop == nil)
    }
}
