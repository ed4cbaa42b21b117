import Foundation
import HubGate
import HubSpotSimulator
import TestSupport
import Testing

/// HTTP/1.1 on a client connection, now that HubGate serves requests from the end of the channel
/// pipeline (`RequestDispatchHandler`) rather than from a Hummingbird task per connection: answers
/// in request order, bodies read before a request is served but refused early when too large, a
/// half-closed client still answered, unparsable bytes answered after what was owed before them.
@Suite(.timeLimit(.minutes(1)))
struct RequestDispatchTests {
    static let list = "/crm/v4/objects/contacts/101/associations/companies"
    static let batchRead = "/crm/v4/associations/contacts/companies/batch/read"
    static let authorization = "Authorization: Bearer \(GatewayHarness.writerKey)\r\n"

    /// Pipelined calls are answered in the order sent, even when the first is slow and the later
    /// ones are answered by the gateway itself at once (400 invalid JSON, 404 unknown route).
    @Test func pipelinedCallsAreAnsweredInOrder() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .listAssociations, latencyMs: 300, count: 1))
            let badJSON = "{"
            let requests =
                "GET \(Self.list) HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)\r\n"
                + "POST \(Self.batchRead) HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)"
                + "Content-Type: application/json\r\nContent-Length: \(badJSON.utf8.count)\r\n\r\n\(badJSON)"
                + "GET /crm/v4/nothing-here HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)Connection: close\r\n\r\n"
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let received = try await RawConnection.exchangeText(port: port, requests)
            #expect(RawConnection.statuses(in: received) == [200, 400, 404])
            #expect(harness.simulator.stats().totalRequests == 1)
        }
    }

    /// A long pipeline of calls that fail their checks, which are answered without a task, queued
    /// behind a slow call, is answered in full and in order, one answer per call, and costs HubSpot
    /// nothing more.
    @Test func longPipelineOfRefusedCallsIsAnsweredInOrder() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .listAssociations, latencyMs: 300, count: 1))
            let count = 300
            var requests = "GET \(Self.list) HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)\r\n"
            for index in 0..<count {
                // Alternating failures of different checks: the key, then the route.
                let line = index.isMultiple(of: 2)
                    ? "GET \(Self.list) HTTP/1.1\r\nHost: hubgate\r\nAuthorization: Bearer not-a-key\r\n"
                    : "GET /crm/v4/nothing-here HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)"
                requests += line + (index == count - 1 ? "Connection: close\r\n\r\n" : "\r\n")
            }
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let received = try await RawConnection.exchangeText(port: port, requests)
            let expected: [Int?] = [200] + (0..<count).map { $0.isMultiple(of: 2) ? 401 : 404 }
            #expect(RawConnection.statuses(in: received) == expected)
            #expect(harness.simulator.stats().totalRequests == 1)
        }
    }

    /// A body that announces more than the limit is refused with 413 before it has been sent, its
    /// rest is read and dropped, and the connection then serves the next call.
    @Test func announcedOversizedBodyIsRefusedEarlyAndTheConnectionCarriesOn() async throws {
        try await GatewayHarness.run(gateway: { $0.server.maxBodyBytes = 1024 }) { harness in
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let head =
                "POST \(Self.batchRead) HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)"
                + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            let statuses = try await RawConnection.withConnection(port: port) { socket in
                socket.write(head + String(repeating: " ", count: 2000))
                let early = socket.receiveResponseStatus()
                socket.write(String(repeating: " ", count: 98_000))
                socket.write("GET \(Self.list) HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)\r\n")
                return [early, socket.receiveResponseStatus()]
            }
            #expect(statuses == [413, 200])
            #expect(harness.simulator.stats().totalRequests == 1)
        }
    }

    /// A chunked body (no length announced) is refused as soon as it passes the limit.
    @Test func chunkedOversizedBodyIsRefusedOnceItPassesTheLimit() async throws {
        try await GatewayHarness.run(gateway: { $0.server.maxBodyBytes = 1024 }) { harness in
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let chunk = String(repeating: " ", count: 2000)
            let request =
                "POST \(Self.batchRead) HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n"
            let status = try await RawConnection.withConnection(port: port) { socket in
                socket.write(request)
                return socket.receiveResponseStatus()
            }
            #expect(status == 413)
            #expect(harness.simulator.stats().totalRequests == 0)
        }
    }

    /// A client that sends its call and closes its sending side still gets the answer; then the
    /// gateway closes the connection.
    @Test func halfClosedClientIsAnsweredThenClosed() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .listAssociations, latencyMs: 200, count: 1))
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let (status, closed) = try await RawConnection.withConnection(port: port) { socket in
                socket.write("GET \(Self.list) HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)\r\n")
                socket.closeWriting()
                return (socket.receiveResponseStatus(), socket.isClosedByPeer())
            }
            #expect(status == 200)
            #expect(closed)
        }
    }

    /// Bytes that do not parse, sent behind a slow call, get their HubSpot-shaped 400 after that
    /// call's answer, and the connection closes.
    @Test func unparsableBytesAreAnsweredAfterTheCallBeforeThem() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .listAssociations, latencyMs: 300, count: 1))
            let requests = "GET \(Self.list) HTTP/1.1\r\nHost: hubgate\r\n\(Self.authorization)\r\n" + "NOT HTTP AT ALL\r\n\r\n"
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let received = try await RawConnection.exchangeText(port: port, requests)
            #expect(RawConnection.statuses(in: received) == [200, 400])
            #expect(received.contains(#""category":"#))
        }
    }
}
