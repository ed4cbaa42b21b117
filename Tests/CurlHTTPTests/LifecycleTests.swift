@testable import CurlHTTP
import Foundation
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

/// The client starts in `run()`, drains on graceful shutdown and stops on cancellation.
@Suite struct LifecycleTests {
    /// Graceful shutdown lets a request in flight finish, refuses new ones, then `run()` returns.
    @Test func gracefulShutdownDrainsInFlightRequests() async throws {
        try await TestEnvironment.withRunning { environment in
            var arrivals = environment.server.slowArrivals.makeAsyncIterator()
            let inFlight = Task {
                try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/slow")))
            }
            await arrivals.next()
            // The client is the group's last service, so it shuts down first while the server stays up.
            await environment.serviceGroup.triggerGracefulShutdown()
            var refusal: CurlError?
            while refusal == nil {
                do throws(CurlError) {
                    _ = try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
                } catch {
                    refusal = error
                }
            }
            #expect(refusal == .shutDown)
            environment.server.gate.open()
            let response = try await inFlight.value
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "slow done")
        }
    }

    #if os(Linux)
    /// The curl thread carries its name where operators look (`top -H`, perf, gdb).
    @Test func curlThreadIsNamed() async throws {
        try await TestEnvironment.withRunning { environment in
            _ = try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
            let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
            let names = tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            #expect(names.contains("CurlHTTP\n"))
        }
    }
    #endif

    /// Requests made before `run()` wait and are sent once it starts.
    @Test func requestsBeforeRunWaitForTheLoop() async throws {
        try await TestEnvironment.withRunning { environment in
            let logger = Logger(label: "curl-test", factory: { _ in SwiftLogNoOpLogHandler() })
            let client = CurlHTTPClient(logger: logger)
            let early = Task {
                try await client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
            }
            while client.state.withLock({ $0.queuedRequestCount }) == 0 { await Task.yield() }
            let group = ServiceGroup(services: [client], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let response = try await early.value
                #expect(response.status == .ok)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await #expect(throws: CurlError.shutDown) {
                try await client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
            }
            await #expect(throws: CurlError.shutDown) { try await client.run() }
        }
    }

    /// Cancelling `run()` fails requests in flight at once, saying they were sent.
    @Test func cancellingRunFailsRequestsInFlight() async throws {
        try await TestEnvironment.withRunning { environment in
            let logger = Logger(label: "curl-test", factory: { _ in SwiftLogNoOpLogHandler() })
            let client = CurlHTTPClient(logger: logger)
            let running = Task { try await client.run() }
            var arrivals = environment.server.slowArrivals.makeAsyncIterator()
            let inFlight = Task {
                try await client.execute(CurlRequest(method: .get, url: environment.url("/slow")))
            }
            await arrivals.next()
            running.cancel()
            let result = await inFlight.result
            #expect(throws: CurlError.shutDown(requestSent: true)) { try result.get() }
            try await running.value
        }
    }
}
