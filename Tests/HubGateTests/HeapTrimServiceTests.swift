import Synchronization
import Testing

@testable import HubGate

/// The heap trimmer trims on its interval until it is stopped, and finds glibc's `malloc_trim`.
@Suite(.timeLimit(.minutes(1)))
struct HeapTrimServiceTests {
    @Test func trimsOnItsIntervalUntilStopped() async throws {
        let trims = Atomic(0)
        let service = try #require(HeapTrimService(interval: .milliseconds(10)) { trims.add(1, ordering: .relaxed) })
        let running = Task { try await service.run() }
        for _ in 0..<500 where trims.load(ordering: .relaxed) < 3 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(trims.load(ordering: .relaxed) >= 3)
        running.cancel()
        try await running.value
        let stopped = trims.load(ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(50))
        #expect(trims.load(ordering: .relaxed) == stopped)
    }

    #if canImport(Glibc)
    @Test func findsMallocTrim() {
        #expect(HeapTrimService(interval: .seconds(10)) != nil)
    }
    #endif
}
