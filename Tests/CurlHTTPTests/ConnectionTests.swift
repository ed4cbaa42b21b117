@testable import CurlHTTP
import HTTPTypes
import NIOCore
import Synchronization
import Testing

/// Connections are reused and concurrent requests do not mix.
@Suite struct ConnectionTests {
    /// Sequential requests share one connection.
    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await TestEnvironment.withRunning { environment in
            var opened = 0
            for _ in 0..<50 {
                let response = try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
                #expect(response.status == .ok)
                opened += response.newConnectionCount
            }
            #expect(opened == 1)
            #expect(environment.server.remotePorts.withLock { $0.count } == 1)
        }
    }

    /// 500 requests from 50 tasks each get their own answer, over no more connections than tasks.
    @Test func concurrentRequestsAreAllCorrect() async throws {
        try await TestEnvironment.withRunning { environment in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<50 {
                    group.addTask {
                        var correct = 0
                        for index in 0..<10 {
                            let body = "task \(task) request \(index)"
                            var headers = HTTPFields()
                            headers[.init("x-test")!] = body
                            let response = try await environment.client.execute(
                                CurlRequest(method: .post, url: environment.url("/echo"), headerFields: headers, body: ByteBuffer(string: body))
                            )
                            if String(buffer: response.body) == body, response.headerFields[.init("x-echo-test")!] == body {
                                correct += 1
                            }
                        }
                        return correct
                    }
                }
                let correct = try await group.reduce(0, +)
                #expect(correct == 500)
            }
            let connections = environment.server.remotePorts.withLock { $0.count }
            #expect(connections <= 50)
        }
    }

    /// `maxConnectionsPerHost` caps the connections one host sees, however many requests are in flight.
    @Test func connectionsPerHostAreCapped() async throws {
        var configuration = CurlHTTPClient.Configuration()
        configuration.maxConnectionsPerHost = 4
        try await TestEnvironment.withRunning(client: configuration) { environment in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        let response = try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
                        #expect(response.status == .ok)
                    }
                }
                try await group.waitForAll()
            }
            #expect(environment.server.remotePorts.withLock { $0.count } <= 4)
        }
    }
}

/// A slow request does not hold up others to the same host.
@Suite struct HeadOfLineTests {
    /// While the very first request to a plain-HTTP host waits for its answer, other requests complete.
    @Test func slowFirstRequestDoesNotBlockOthers() async throws {
        try await TestEnvironment.withRunning { environment in
            var arrivals = environment.server.slowArrivals.makeAsyncIterator()
            let slow = Task {
                try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/slow")))
            }
            await arrivals.next()
            let response = try await environment.client.execute(
                CurlRequest(method: .get, url: environment.url("/echo"), timeout: .seconds(5))
            )
            #expect(response.status == .ok)
            environment.server.gate.open()
            #expect(try await slow.value.status == .ok)
        }
    }
}
