@testable import CurlHTTP
import Foundation
import HTTPTypes
import NIOCore
import Testing

/// How many requests per second the client sustains against the local test server.
///
/// Off by default (it measures, it does not prove); run with `CURLHTTP_BENCHMARK=1`, best with
/// `-c release`. Prints sequential and concurrent rates and the median round trip.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CURLHTTP_BENCHMARK"] != nil))
struct ThroughputTests {
    /// Sequential and concurrent GET loops complete and report their rates.
    @Test func measureRequestsPerSecond() async throws {
        try await TestEnvironment.withRunning { environment in
            let request = CurlRequest(method: .get, url: environment.url("/bytes?count=64"))
            for _ in 0..<200 { _ = try await environment.client.execute(request) }

            let sequentialCount = 5_000
            var latencies: [Duration] = []
            latencies.reserveCapacity(sequentialCount)
            let clock = ContinuousClock()
            let sequentialStart = clock.now
            for _ in 0..<sequentialCount {
                let start = clock.now
                _ = try await environment.client.execute(request)
                latencies.append(start.duration(to: clock.now))
            }
            let sequential = sequentialStart.duration(to: clock.now)
            latencies.sort()

            let tasks = 32
            let perTask = 1_000
            let concurrentStart = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        for _ in 0..<perTask { _ = try await environment.client.execute(request) }
                    }
                }
                try await group.waitForAll()
            }
            let concurrent = concurrentStart.duration(to: clock.now)

            func rate(_ count: Int, _ duration: Duration) -> Int {
                Int(Double(count) / (Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18))
            }
            print("CurlHTTP sequential: \(rate(sequentialCount, sequential)) requests/s, p50 \(latencies[latencies.count / 2]), p99 \(latencies[latencies.count * 99 / 100])")
            print("CurlHTTP \(tasks) concurrent tasks: \(rate(tasks * perTask, concurrent)) requests/s")
        }
    }
}
