import Synchronization
import Testing

@testable import HubGate

/// Coalescing concurrent fetches of one key.
struct SingleFlightTests {
    /// The state machine lets the first caller lead and queues the rest, leader first on finish.
    @Test func stateMachineLeadsThenQueues() {
        var state = SingleFlightState<String, Int>()
        #expect(state.join("a", waiter: 1) == .lead)
        #expect(state.join("a", waiter: 2) == .wait)
        #expect(state.join("b", waiter: 3) == .lead)
        #expect(state.inFlightCount == 2)
        #expect(state.finish("a") == [1, 2])
        #expect(state.finish("a") == [])
        #expect(state.join("a", waiter: 4) == .lead)
    }

    /// Many concurrent callers for one key cost one fetch and all get its value.
    @Test func concurrentCallersShareOneFetch() async throws {
        let flights = SingleFlight<String, Int>()
        let fetches = Counter()
        let gate = Gate()
        try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for _ in 0..<50 {
                group.addTask {
                    let outcome = await flights.value(for: "k") {
                        fetches.increment()
                        await gate.wait()
                        return 42
                    }
                    return (try outcome.result.get(), outcome.coalesced)
                }
            }
            while flights.inFlightCount == 0 { await Task.yield() }
            try await Task.sleep(for: .milliseconds(50))
            await gate.open()
            var coalesced = 0
            for try await (value, wasCoalesced) in group {
                #expect(value == 42)
                if wasCoalesced { coalesced += 1 }
            }
            #expect(coalesced == 49)
        }
        #expect(fetches.value == 1)
    }

    /// Waiters receive the fetch's error too, and the next call fetches again.
    @Test func errorsAreSharedAndNotRemembered() async throws {
        struct Boom: Error {}
        let flights = SingleFlight<String, Int>()
        let first = await flights.value(for: "k") { throw Boom() }
        #expect(throws: Boom.self) { try first.result.get() }
        let second = await flights.value(for: "k") { 7 }
        #expect(try second.result.get() == 7)
    }

    /// A thread-safe count.
    final class Counter: Sendable {
        private let count = Atomic<Int>(0)
        var value: Int { count.load(ordering: .relaxed) }
        func increment() { count.add(1, ordering: .relaxed) }
    }

    /// Opens once; everyone waiting continues.
    actor Gate {
        private var isOpen = false
        private var waiters: [CheckedContinuation<Void, Never>] = []
        func wait() async {
            if isOpen { return }
            await withCheckedContinuation { waiters.append($0) }
        }
        func open() {
            isOpen = true
            for waiter in waiters { waiter.resume() }
            waiters.removeAll()
        }
    }
}
