import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import TestSupport
import Testing

/// What the event loop answers (`EventLoopAnswerHandler`: fresh memory hits, client-share refusals)
/// looks exactly like the ordinary path's answers, is counted like them, and never overtakes an
/// earlier request on the same connection.
@Suite(.timeLimit(.minutes(2)))
struct EventLoopAnswerTests {
    static let labels = "/crm/v4/associations/contacts/companies/labels"
    static let labelsRoute = "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels"

    /// A keep-alive hit (event loop) and a `Connection: close` hit (Hummingbird, which closes after
    /// it) carry the same body and the same header fields.
    @Test func eventLoopHitMatchesOrdinaryHit() async throws {
        try await GatewayHarness.run { harness in
            let miss = try await harness.gateway(.get, Self.labels)
            let fast = try await harness.gateway(.get, Self.labels)
            let ordinary = try await harness.gateway(.get, Self.labels, headers: [.connection: "close"])
            #expect(fast.status == .ok && ordinary.status == .ok)
            #expect(fast.body == miss.body && ordinary.body == miss.body)
            let names = { (response: TestResponse) in Set(response.headers.map { $0.name.canonicalName }).subtracting(["connection"]) }
            #expect(names(fast) == names(ordinary))
            #expect(names(fast).isSuperset(of: ["content-type", "content-length", "cache-status", "age", "x-request-id", "date", "ratelimit", "ratelimit-policy"]))
            #expect(fast.header("Cache-Status")?.hasPrefix("HubGate; hit; ttl=") == true)
            #expect(fast.header("Content-Length") == String(miss.body.utf8.count))
            #expect(fast.header("X-Request-Id") != ordinary.header("X-Request-Id"))
            #expect(fast.header("X-Request-Id")?.count == 36)
            #expect(harness.simulator.stats().requests(.listLabels) == 1)
        }
    }

    /// Hits answered on the event loop show in the request metrics and the cache statistics.
    @Test func eventLoopHitsAreCounted() async throws {
        try await GatewayHarness.run { harness in
            for _ in 0..<5 {
                #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            }
            let metrics = try await harness.metrics()
            #expect(metrics[Self.requests(Self.labelsRoute, status: 200)] == 5)
            #expect(metrics["hubgate_cache_lookups_total{result=\"hit\"}"] == 4)
            #expect(metrics["hubgate_requests_in_flight"] == 0)
        }
    }

    /// A client without the key, or over its own limit, gets the ordinary answers even when the
    /// entry is hot.
    @Test func unauthenticatedAndLimitedClientsAreRefused() async throws {
        try await GatewayHarness.run(gateway: Self.writerShare(ClientRateLimit(quota: 3, window: .seconds(60)))) { harness in
            #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            #expect(try await harness.gateway(.get, Self.labels, key: nil).status == .unauthorized)
            #expect(try await harness.gateway(.get, Self.labels, key: "wrong-key").status == .unauthorized)
            #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            let refused = try await harness.gateway(.get, Self.labels)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.header("Retry-After") != nil)
            #expect(refused.header("X-Request-Id") != nil)
            #expect(refused.body.contains("\"category\""))
        }
    }

    static let batchRead = "/crm/v4/associations/contacts/companies/batch/read"
    static let batchReadRoute = "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read"
    static let batchReadBody = #"{"inputs":[{"id":"101"}]}"#

    /// A client over its share is refused on the event loop (keep-alive) with the same answer the
    /// ordinary path gives (`Connection: close`): a write with a body, a read, even a path that names
    /// no route, since the share is checked before routing. None reaches HubSpot; all are counted.
    @Test func eventLoopRefusalMatchesOrdinaryRefusal() async throws {
        try await GatewayHarness.run(gateway: Self.writerShare(Self.oneCall)) { harness in
            #expect(try await harness.gateway(.post, Self.batchRead, body: Self.batchReadBody).status == .ok)
            let fast = try await harness.gateway(.post, Self.batchRead, body: Self.batchReadBody)
            let ordinary = try await harness.gateway(.post, Self.batchRead, body: Self.batchReadBody, headers: [.connection: "close"])
            #expect(fast.status == .tooManyRequests && ordinary.status == .tooManyRequests)
            let names = { (response: TestResponse) in Set(response.headers.map { $0.name.canonicalName }).subtracting(["connection"]) }
            #expect(names(fast) == names(ordinary))
            #expect(names(fast).isSuperset(of: ["content-type", "content-length", "retry-after", "x-request-id", "date", "ratelimit", "ratelimit-policy"]))
            for refused in [fast, ordinary] {
                let body = try #require(try JSONSerialization.jsonObject(with: Data(refused.body.utf8)) as? [String: Any])
                #expect(body["status"] as? String == "error")
                #expect(body["category"] as? String == "RATE_LIMITS")
                #expect(body["correlationId"] as? String == refused.header("X-Request-Id"))
            }
            // Whole seconds rounded up from the same instant less the moments between the two
            // refusals: on a loaded machine those can cross a second's boundary.
            let retries = [fast, ordinary].compactMap { $0.header("Retry-After").flatMap { Int($0) } }
            #expect(retries.count == 2 && abs(retries[0] - retries[1]) <= 1, "\(retries)")
            #expect(try await harness.gateway(.get, Self.labels).status == .tooManyRequests)
            #expect(try await harness.gateway(.get, "/crm/v4/no/such/route").status == .tooManyRequests)
            // Refusals never cost an upstream call; an unknown key is still the ordinary path's 401.
            #expect(harness.simulator.stats().requests(.batchRead) == 1)
            #expect(try await harness.gateway(.post, Self.batchRead, key: "wrong-key", body: Self.batchReadBody).status == .unauthorized)
            let metrics = try await harness.metrics()
            #expect(metrics[Self.requests(Self.batchReadRoute, status: 429)] == 2)
            #expect(metrics[Self.requests(Self.labelsRoute, status: 429)] == 1)
            #expect(metrics["hubgate_requests_in_flight"] == 0)
        }
    }

    /// A refused call's body is read and dropped, so the connection carries on: pipelined behind it,
    /// a second call (refused too) is answered in turn, and nothing of the first body is taken for a
    /// request.
    @Test func refusedBodyIsDrainedAndConnectionCarriesOn() async throws {
        try await GatewayHarness.run(gateway: Self.writerShare(Self.oneCall)) { harness in
            #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            let authorization = "Authorization: Bearer \(GatewayHarness.writerKey)\r\n"
            // A body that would parse as a request line if it were not drained.
            let body = "GET /crm/v4/associations/contacts/companies/labels HTTP/1.1\r\n\r\n" + String(repeating: "x", count: 20_000)
            let requests =
                "POST \(Self.batchRead) HTTP/1.1\r\nHost: hubgate\r\n\(authorization)Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                + "GET \(Self.labels) HTTP/1.1\r\nHost: hubgate\r\n\(authorization)Connection: close\r\n\r\n"
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let received = try await RawConnection.exchangeText(port: port, requests)
            // Bodies end without a line break, so answers are found by their status lines anywhere.
            #expect(RawConnection.statuses(in: received) == [429, 429])
            #expect(harness.simulator.stats().requests(.batchRead) == 0)
        }
    }

    /// Hummingbird's connection-state handler sees what the event loop answers: a connection kept
    /// busy with event-loop hits outlives the idle timeout, and closes once it really is idle.
    @Test func idleTimeoutCountsEventLoopAnswers() async throws {
        try await GatewayHarness.run(gateway: {
            $0.server.idleTimeout = .milliseconds(600)
        }) { harness in
            #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let request = "GET \(Self.labels) HTTP/1.1\r\nHost: hubgate\r\nAuthorization: Bearer \(GatewayHarness.writerKey)\r\n\r\n"
            let (statuses, closed) = try await RawConnection.withConnection(port: port) { socket in
                var statuses: [Int?] = []
                // Five hits 300 ms apart: 1.2 s on one connection, twice the idle timeout.
                for index in 0..<5 {
                    if index > 0 { Thread.sleep(forTimeInterval: 0.3) }
                    socket.write(request)
                    statuses.append(socket.receiveResponseStatus())
                }
                return (statuses, socket.isClosedByPeer())
            }
            #expect(statuses == [200, 200, 200, 200, 200])
            #expect(closed)
            #expect(harness.simulator.stats().requests(.listLabels) == 1)
        }
    }

    /// A client sending `Expect: 100-continue` gets `100 Continue` at once and then its answer, on
    /// the ordinary path (a forwarded batch/read) and on the event loop (a refusal).
    @Test func expectContinueIsAnswered() async throws {
        try await GatewayHarness.run(gateway: Self.writerShare(Self.oneCall)) { harness in
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let head =
                "POST \(Self.batchRead) HTTP/1.1\r\nHost: hubgate\r\nAuthorization: Bearer \(GatewayHarness.writerKey)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(Self.batchReadBody.utf8.count)\r\nExpect: 100-continue\r\n\r\n"
            let statuses = try await RawConnection.withConnection(port: port) { socket in
                var statuses: [Int?] = []
                for _ in 0..<2 {
                    socket.write(head)
                    statuses.append(socket.receiveResponseStatus())
                    socket.write(Self.batchReadBody)
                    statuses.append(socket.receiveResponseStatus())
                }
                return statuses
            }
            #expect(statuses == [100, 200, 100, 429])
            #expect(harness.simulator.stats().requests(.batchRead) == 1)
        }
    }

    /// A request that `Expect: 100-continue` and is refused whatever its body (no key, a read-only
    /// key writing, no such route, an announced body over the limit) gets the refusal instead of
    /// `100 Continue`, at once and without sending its body, and the connection ends after it.
    @Test(arguments: [
        (nil, batchRead, 1_000, 401),
        (GatewayHarness.readerKey, "/crm/v4/associations/contacts/companies/batch/create", 1_000, 403),
        (GatewayHarness.writerKey, "/crm/v4/associations/contacts/companies/batch/nothing", 1_000, 404),
        (GatewayHarness.writerKey, batchRead, 4_096, 413),
    ] as [(String?, String, Int, Int)])
    func expectContinueIsRefusedBeforeTheBody(key: String?, path: String, length: Int, status: Int) async throws {
        try await GatewayHarness.run(gateway: { $0.server.maxBodyBytes = 2_048 }) { harness in
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let authorization = key.map { "Authorization: Bearer \($0)\r\n" } ?? ""
            let head =
                "POST \(path) HTTP/1.1\r\nHost: hubgate\r\n\(authorization)"
                + "Content-Type: application/json\r\nContent-Length: \(length)\r\nExpect: 100-continue\r\n\r\n"
            let received = try await RawConnection.withConnection(port: port) { socket in
                socket.write(head)
                return String(decoding: socket.receiveUntilClosed(), as: UTF8.self)
            }
            #expect(RawConnection.statuses(in: received) == [status], "\(received)")
            #expect(received.contains("\r\nConnection: close\r\n"), "\(received)")
            #expect(harness.simulator.stats().totalRequests == 0)
        }
    }

    /// Pipelined requests are answered in order: a hot labels read sent behind a slow forwarded read
    /// on the same connection waits for it.
    @Test func pipelinedHitWaitsForEarlierRequest() async throws {
        try await GatewayHarness.run { harness in
            #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            harness.simulator.addFault(FaultRule(operation: .listAssociations, latencyMs: 300, count: 1))
            let authorization = "Authorization: Bearer \(GatewayHarness.writerKey)\r\n"
            let requests =
                "GET /crm/v4/objects/contacts/101/associations/companies HTTP/1.1\r\nHost: hubgate\r\n\(authorization)\r\n"
                + "GET \(Self.labels) HTTP/1.1\r\nHost: hubgate\r\n\(authorization)\r\n"
                + "GET \(Self.labels) HTTP/1.1\r\nHost: hubgate\r\n\(authorization)Connection: close\r\n\r\n"
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let received = try await RawConnection.exchangeText(port: port, requests)
            // Bodies end without a line break, so answers are found by their status lines anywhere.
            let answers = received.components(separatedBy: "HTTP/1.1 200 OK\r\n").dropFirst()
            #expect(answers.count == 3)
            // The forwarded list answer (no Cache-Status) comes before both labels answers.
            #expect(answers.map { $0.lowercased().contains("cache-status: hubgate; hit") } == [false, true, true])
        }
    }
}

extension EventLoopAnswerTests {
    /// A share of one call in ten minutes: the writer's second call is refused.
    static let oneCall = ClientRateLimit(quota: 1, window: .seconds(600))

    /// A gateway configuration change giving the writer client `share`.
    static func writerShare(_ share: ClientRateLimit) -> (inout GatewayConfiguration) -> Void {
        { $0.clientLimits.perClient["writer"] = share }
    }

    /// The `hubgate_requests_total` series of the writer's v4 calls to `route` answered with `status`.
    static func requests(_ route: String, status: Int) -> String {
        "hubgate_requests_total{route=\"\(route)\",version=\"v4\",client=\"writer\",status=\"\(status)\"}"
    }
}
