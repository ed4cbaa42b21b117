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

    private var waker: MultiWaker? { MultiHandle().map { $0.waker } }

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
        let value1 = state.start()
        #expect(value1)
        state.loopStarted(waker: waker)
        var taken: [PendingTransfer] = []
        var cancellations: [UInt64] = []
        let value2 = state.takeWork(activeTransfers: 0, into: &taken, cancellations: &cancellations)
        #expect(value2 == .work)
        let value3 = state.prepareToSleep(activeTransfers: 0)
        #expect(value3)
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
        let value4 = state.start()
        #expect(value4)
        state.loopStarted(waker: waker)
        let value5 = state.shutDown(forced: false)
        #expect(value5 != nil)
        let result = await self.withPending { pending in
            guard case .fail(let failed, let error) = state.submit(pending, isCancelled: false) else { return }
            failed.fail(error)
        }
        #expect(throws: CurlError.shutDown) { try result.get() }
        var taken: [PendingTransfer] = []
        var cancellations: [UInt64] = []
        let value6 = state.takeWork(activeTransfers: 1, into: &taken, cancellations: &cancellations)
        #expect(value6 == .work)
        let value7 = state.prepareToSleep(activeTransfers: 1)
        #expect(value7)
        let value8 = state.prepareToSleep(activeTransfers: 0)
        #expect(!value8)
        let value9 = state.takeWork(activeTransfers: 0, into: &taken, cancellations: &cancellations)
        #expect(value9 == .finished)
        #expect(state.lifecycle == .stopped)
        let value10 = state.start()
        #expect(!value10)
    }

    /// Cancelling `run()` stops the loop at once, even with transfers active.
    @Test func forcedShutdownStopsNow() async throws {
        var state = ClientStateMachine()
        let waker = try #require(self.waker)
        let value11 = state.start()
        #expect(value11)
        state.loopStarted(waker: waker)
        let value12 = state.shutDown(forced: true)
        #expect(value12 != nil)
        var taken: [PendingTransfer] = []
        var cancellations: [UInt64] = []
        let value13 = state.takeWork(activeTransfers: 3, into: &taken, cancellations: &cancellations)
        #expect(value13 == .stopNow)
        let value14 = state.shutDown(forced: true)
        #expect(value14 == nil)
    }
}
