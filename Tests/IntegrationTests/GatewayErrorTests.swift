import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import TestSupport
import Testing

/// Gateway-made errors: HubSpot-shaped, right status, and no upstream call for bad input.
@Suite(.timeLimit(.minutes(1)))
struct GatewayErrorTests {
    /// Unknown routes, wrong methods, bad ids and types, bad JSON and oversized bodies are refused
    /// before HubSpot is called.
    @Test func refusesBadInputWithoutUpstreamCalls() async throws {
        try await GatewayHarness.run(gateway: { $0.server.maxBodyBytes = 1024 }) { harness in
            let cases: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
                (.get, "/crm/v4/nothing/here", nil, .notFound, "RESOURCE_NOT_FOUND"),
                (.get, "/crm/v3/owners", nil, .notFound, "RESOURCE_NOT_FOUND"),
                (.get, "/crm/v4/associations/contacts/companies/batch/read", nil, .methodNotAllowed, "VALIDATION_ERROR"),
                (.get, "/crm/v4/objects/contacts/12ab/associations/companies", nil, .badRequest, "VALIDATION_ERROR"),
                (.get, "/crm/v4/associations/gizmos/companies/labels", nil, .badRequest, "VALIDATION_ERROR"),
                (.delete, "/crm/v4/associations/contacts/companies/labels/one", nil, .badRequest, "VALIDATION_ERROR"),
                (.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":"1"}"#, .badRequest, "VALIDATION_ERROR"),
                (.post, "/crm/v4/associations/contacts/companies/batch/read", "", .badRequest, "VALIDATION_ERROR"),
                (.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":""# + String(repeating: "x", count: 2000) + #""}"#, .contentTooLarge, "PAYLOAD_TOO_LARGE"),
            ]
            for (method, path, body, status, category) in cases {
                let response = try await harness.gateway(method, path, body: body)
                #expect(response.status == status, "\(method) \(path)")
                #expect(response.json["category"] as? String == category, "\(method) \(path)")
                #expect(response.json["status"] as? String == "error")
                #expect((response.json["message"] as? String)?.isEmpty == false)
                #expect(response.json["correlationId"] as? String == response.header("X-Request-Id"))
            }
            #expect(harness.simulator.stats().totalRequests == 0)
            let wrongMethod = try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/batch/read")
            #expect(wrongMethod.header("Allow") == "POST")
        }
    }

    /// Bytes that are no request get a HubSpot-shaped error too, and the connection closes: a
    /// request line or header section over the parser's limits is 431, anything else unparsable 400.
    @Test(arguments: [
        ("GET /crm/v4/objects/contacts/\(String(repeating: "9", count: 100_000))/associations/companies HTTP/1.1\r\nHost: hubgate\r\n\r\n", 431),
        ("GET /crm/v4/associations/definitions HTTP/1.1\r\nHost: hubgate\r\nX-Big: \(String(repeating: "x", count: 100_000))\r\n\r\n", 431),
        ("GET /crm/v4/associations/definitions HTTP/1.1\r\nBad Header: x\r\n\r\n", 400),
        ("\u{1}\u{2}\u{3} not http\r\n\r\n", 400),
    ])
    func unparsableRequestIsHubSpotShaped(request: String, status: Int) async throws {
        try await GatewayHarness.run { harness in
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let received = try await RawConnection.exchangeText(port: port, request)
            let parts = received.components(separatedBy: "\r\n\r\n")
            let head = parts[0].lowercased()
            #expect(head.hasPrefix("http/1.1 \(status) "))
            #expect(head.contains("content-type: application/json"))
            #expect(head.contains("connection: close"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(parts.dropFirst().joined().utf8)) as? [String: Any])
            #expect(json["status"] as? String == "error")
            #expect(json["category"] as? String == "VALIDATION_ERROR")
            let correlationID = try #require(json["correlationId"] as? String)
            #expect(head.contains("x-request-id: \(correlationID)"))
            #expect(harness.simulator.stats().totalRequests == 0)
        }
    }

    /// An unreachable upstream is a 502 that says the request was not sent.
    @Test func upstreamDownIsBadGateway() async throws {
        try await GatewayHarness.run(upstreamURL: "http://127.0.0.1:1") { harness in
            let response = try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels")
            #expect(response.status == .badGateway)
            #expect(response.json["category"] as? String == "BAD_GATEWAY")
        }
    }

    /// What only the operator can fix is a warning with its reason, logged once however many calls
    /// it fails (here 3 calls of 3 attempts each), and never with the token: HubSpot out of reach,
    /// and HubSpot refusing HubGate's token.
    @Test func operatorFaultsAreWarnedOnce() async throws {
        let down = AccessLogTests.Lines()
        try await GatewayHarness.run(upstreamURL: "http://127.0.0.1:1", gatewayLogger: down.logger()) { harness in
            for _ in 0..<3 {
                let response = try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels")
                #expect(response.status == .badGateway)
            }
        }
        let unreachable = down.all.filter { $0.contains("HubSpot call failed") }
        #expect(unreachable.count == 1)
        #expect(unreachable.first?.contains("127.0.0.1") == true, "\(unreachable)")

        let refused = AccessLogTests.Lines()
        try await GatewayHarness.run(simulator: { $0.token = "a-token-hubgate-does-not-have" }, gatewayLogger: refused.logger()) { harness in
            for _ in 0..<3 {
                let response = try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels")
                #expect(response.status == .unauthorized)
            }
        }
        #expect(refused.all.filter { $0.contains("HubSpot refused HubGate's token") }.count == 1)
        for line in down.all + refused.all {
            #expect(!line.contains(GatewayHarness.hubSpotToken))
        }
    }

    /// An upstream slower than the configured timeout is a 504 (for a create, which is never repeated).
    @Test func upstreamTimeoutIsGatewayTimeout() async throws {
        try await GatewayHarness.run(gateway: { $0.upstream.requestTimeout = .milliseconds(300) }) { harness in
            harness.simulator.addFault(FaultRule(operation: .batchCreate, latencyMs: 5000, count: 1))
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/create", body: #"{"inputs":[]}"#)
            #expect(response.status == .gatewayTimeout)
            #expect(response.json["category"] as? String == "GATEWAY_TIMEOUT")
            // Answered at the 300 ms timeout, not when HubSpot would have answered (5 s). The bound
            // leaves room for a loaded CI machine (one run under the whole suite took 2.2 s).
            #expect(clock.now - start < .seconds(4))
        }
    }

    /// A connection the upstream breaks mid-call is a 502 saying the outcome is unknown.
    @Test func upstreamResetIsBadGateway() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .batchCreate, reset: true, count: 1))
            let response = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/create", body: #"{"inputs":[]}"#)
            #expect(response.status == .badGateway)
            #expect((response.json["message"] as? String)?.contains("unknown") == true)
            let next = try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels")
            #expect(next.status == .ok, "the gateway recovers on the next call")
        }
    }

    /// HubSpot's own errors (429 with its body and headers, 5xx) reach the client intact when they
    /// are not retried (retries off here; a create's 503 is never retried).
    @Test func relaysUpstreamErrorsIntact() async throws {
        try await GatewayHarness.run(
            simulator: { $0.burstLimit = 2; $0.burstInterval = .seconds(60) },
            gateway: { $0.upstream.retry.maxAttempts = 1 }
        ) { harness in
            for _ in 0..<2 {
                #expect(try await harness.gateway(.get, "/crm/v4/objects/contacts/1/associations/companies").status == .ok)
            }
            let limited = try await harness.gateway(.get, "/crm/v4/objects/contacts/1/associations/companies")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.json["policyName"] as? String == "TEN_SECONDLY_ROLLING")
            #expect(limited.json["errorType"] as? String == "RATE_LIMIT")
            #expect(limited.header("X-HubSpot-RateLimit-Max") == "2")
            #expect(limited.header("X-HubSpot-RateLimit-Remaining") == "0")
            #expect(limited.header("X-HubSpot-RateLimit-Interval-Milliseconds") == "60000")
        }
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .batchCreate, status: 503, count: 1))
            let response = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/create", body: #"{"inputs":[]}"#)
            #expect(response.status == .serviceUnavailable)
            #expect(response.json["status"] as? String == "error")
            #expect(harness.simulator.stats().requests(.batchCreate) == 1, "a create whose outcome is unknown is not repeated")
        }
    }
}
