import HTTPTypes
import HubSpotSimulator
import Testing

/// Client keys: who may call, who may write, and what reaches HubSpot.
@Suite(.timeLimit(.minutes(1)))
struct AuthenticationTests {
    /// The simulator receives HubSpot's token on every call and never a client key.
    @Test func injectsTheHubSpotToken() async throws {
        try await GatewayHarness.run { harness in
            _ = try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels", key: GatewayHarness.readerKey)
            _ = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/read", key: GatewayHarness.writerKey, body: #"{"inputs":[{"id":"1"}]}"#)
            let recorded = harness.simulator.recordedRequests()
            #expect(recorded.count == 2)
            for request in recorded {
                let authorizations = request.headers.filter { $0.name.lowercased() == "authorization" }.map(\.value)
                #expect(authorizations == ["Bearer \(GatewayHarness.hubSpotToken)"])
                let everything = request.headers.map(\.value).joined() + request.body + (request.query ?? "")
                #expect(!everything.contains(GatewayHarness.readerKey))
                #expect(!everything.contains(GatewayHarness.writerKey))
            }
        }
    }

    /// A retired `hapikey` in the query never travels upstream.
    @Test func stripsHapikey() async throws {
        try await GatewayHarness.run { harness in
            let response = try await harness.gateway(.get, "/crm/v4/objects/contacts/1/associations/companies?hapikey=leaked&limit=5")
            #expect(response.status == .ok)
            let recorded = try #require(harness.simulator.recordedRequests().last)
            #expect(recorded.query == "limit=5")
        }
    }

    /// Missing or unknown keys get a HubSpot-shaped 401 and cost no upstream call.
    @Test func refusesUnknownClients() async throws {
        try await GatewayHarness.run { harness in
            for key in [nil, "not-a-key", ""] as [String?] {
                let response = try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels", key: key)
                #expect(response.status == .unauthorized)
                #expect(response.json["category"] as? String == "INVALID_AUTHENTICATION")
                #expect(response.json["status"] as? String == "error")
                #expect(response.json["correlationId"] as? String == response.header("X-Request-Id"))
            }
            let basic = try await harness.send(.get, harness.gatewayURL + "/crm/v4/associations/definitions", authorization: "Basic d3JpdGVyOmtleQ==", body: nil)
            #expect(basic.status == .unauthorized)
            #expect(harness.simulator.stats().totalRequests == 0)
        }
    }

    /// A read-only key may read but gets 403 on every write, with no upstream call.
    @Test func enforcesScopes() async throws {
        try await GatewayHarness.run { harness in
            let read = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/read", key: GatewayHarness.readerKey, body: #"{"inputs":[{"id":"1"}]}"#)
            #expect(read.status == .ok)
            let writes: [(HTTPRequest.Method, String, String?)] = [
                (.post, "/crm/v4/associations/contacts/companies/batch/create", #"{"inputs":[]}"#),
                (.put, "/crm/v4/objects/contacts/1/associations/companies/2", "[]"),
                (.delete, "/crm/v4/objects/contacts/1/associations/companies/2", nil),
                (.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"x","name":"x"}"#),
            ]
            for (method, path, body) in writes {
                let response = try await harness.gateway(method, path, key: GatewayHarness.readerKey, body: body)
                #expect(response.status == .forbidden, "\(method) \(path)")
                #expect(response.json["category"] as? String == "MISSING_SCOPES")
            }
            #expect(harness.simulator.stats().totalRequests == 1)
        }
    }
}
