import Foundation
import HubSpotSimulator
import Logging
import ServiceLifecycle
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real Hummingbird server on 127.0.0.1, port 0, over sockets.
struct ServerTests {
    /// Runs a simulator on a free port and hands `body` the port and the control handle.
    private func withSimulator(_ body: @Sendable (Int, SimulatorControl) async throws -> Void) async throws {
        var configuration = SimulatorConfiguration()
        configuration.port = 0
        configuration.dialect = .hubspot
        let logger = Logger(label: "simulator-test")
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let simulator = HubSpotSimulator(configuration: configuration, logger: logger) { port in continuation.yield(port) }
        let group = ServiceGroup(services: [simulator], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            #expect(simulator.control.boundPort == port)
            do {
                try await body(port, simulator.control)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    private func request(_ method: String, _ url: String, body: String? = nil, token: String? = "sim-token") async throws -> (Int, Data, HTTPURLResponse) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, data, http)
    }

    /// Associations written over HTTP read back over HTTP, with HubSpot's headers; control routes work.
    @Test func servesOverLoopback() async throws {
        try await withSimulator { port, control in
            let base = "http://127.0.0.1:\(port)"
            let (created, _, _) = try await request("PUT", base + "/crm/v4/objects/contacts/1/associations/default/companies/2")
            #expect(created == 200)
            let (status, data, response) = try await request("POST", base + "/crm/v4/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"1"}]}"#)
            #expect(status == 200)
            #expect(String(decoding: data, as: UTF8.self).contains(#""toObjectId":2"#))
            #expect(response.value(forHTTPHeaderField: "X-HubSpot-RateLimit-Max") == "190")
            let (unauthorized, _, _) = try await request("GET", base + "/crm/v4/associations/contacts/companies/labels", token: nil)
            #expect(unauthorized == 401)
            let (statsStatus, statsData, _) = try await request("GET", base + "/_simulator/stats", token: nil)
            #expect(statsStatus == 200)
            #expect(String(decoding: statsData, as: UTF8.self).contains(#""total":3"#))
            #expect(control.stats().requests(.batchRead) == 1)
            #expect(control.recordedRequests(operation: .batchRead).first?.headers.contains { $0.name == "authorization" && $0.value == "Bearer sim-token" } == true)
        }
    }

    /// A reset fault closes the connection without any response bytes; the next call is normal.
    @Test func connectionReset() async throws {
        try await withSimulator { port, control in
            control.addFault(FaultRule(operation: .listLabels, reset: true, count: 1))
            let raw = try await RawConnection.exchange(port: port, "GET /crm/v4/associations/contacts/companies/labels HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sim-token\r\n\r\n")
            #expect(raw.isEmpty)
            let (status, _, _) = try await request("GET", "http://127.0.0.1:\(port)/crm/v4/associations/contacts/companies/labels")
            #expect(status == 200)
            #expect(control.stats().faultsInjected == 1)
        }
    }

    /// Scripted latency delays the answer without blocking other requests.
    @Test func latencyDoesNotBlock() async throws {
        try await withSimulator { port, control in
            // Completion order, not wall time: the undelayed call must finish while the delayed one
            // still waits, however loaded the machine is.
            control.addFault(FaultRule(operation: .listLabels, latencyMs: 1500, count: 1))
            let base = "http://127.0.0.1:\(port)"
            let order = CompletionOrder()
            let slow = Task {
                let answer = try await request("GET", base + "/crm/v4/associations/contacts/companies/labels")
                await order.record("slow")
                return answer.0
            }
            while control.stats().requests(.listLabels) == 0 { try await Task.sleep(for: .milliseconds(5)) }
            let (fastStatus, _, _) = try await request("GET", base + "/crm/v4/associations/contacts/deals/labels")
            await order.record("fast")
            #expect(fastStatus == 200)
            #expect(try await slow.value == 200)
            #expect(await order.names == ["fast", "slow"])
        }
    }

    /// Which calls finished, in order.
    actor CompletionOrder {
        private(set) var names: [String] = []
        func record(_ name: String) { names.append(name) }
    }
}
