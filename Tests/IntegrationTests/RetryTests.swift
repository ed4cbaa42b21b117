import HTTPTypes
import HubGate
import HubSpotSimulator
import Testing

/// Upstream retries: transient failures of calls that are safe to repeat are hidden from clients;
/// a write whose outcome is unknown is never repeated.
@Suite(.timeLimit(.minutes(1)))
struct RetryTests {
    /// A scripted 503 on a batch read is retried and the client gets HubSpot's 200.
    @Test func retriesAReadAfter503() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .batchRead, status: 503, count: 1))
            let response = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"1"}]}"#)
            #expect(response.status == .ok)
            #expect(harness.simulator.stats().requests(.batchRead) == 2)
        }
    }

    /// A scripted 503 on a batch create is not retried: the client hears HubSpot's 503.
    @Test func neverRepeatsACreate() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .batchCreate, status: 503, count: 1))
            let response = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/create", body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}"#)
            #expect(response.status == .serviceUnavailable)
            #expect(harness.simulator.stats().requests(.batchCreate) == 1)
        }
    }

    /// A read that timed out is tried again; one that keeps failing ends after the configured attempts.
    @Test func boundsAttempts() async throws {
        // 1 s against a 3 s fault: with 300 ms, one full run on a loaded machine timed out the retry too.
        try await GatewayHarness.run(gateway: { $0.upstream.requestTimeout = .seconds(1) }) { harness in
            harness.simulator.addFault(FaultRule(operation: .listAssociations, latencyMs: 3000, count: 1))
            let recovered = try await harness.gateway(.get, "/crm/v4/objects/contacts/1/associations/companies")
            #expect(recovered.status == .ok)
            harness.simulator.addFault(FaultRule(operation: .listAssociations, status: 502))
            let before = harness.simulator.stats().requests(.listAssociations)
            let failing = try await harness.gateway(.get, "/crm/v4/objects/contacts/1/associations/companies")
            #expect(failing.status == .badGateway)
            #expect(harness.simulator.stats().requests(.listAssociations) - before == 3)
        }
    }
}

/// libcurl's own hidden retry must not repeat a create.
@Suite(.timeLimit(.minutes(1)))
struct NoHiddenRepeatTests {
    /// A create whose connection HubSpot breaks without answering reaches HubSpot once and the client
    /// hears that the outcome is unknown, even after earlier calls left a connection to reuse.
    @Test func createIsSentOnceWhenTheConnectionBreaks() async throws {
        try await GatewayHarness.run { harness in
            for _ in 0..<3 {
                _ = try await harness.gateway(.get, "/crm/v4/objects/contacts/1/associations/companies")
            }
            harness.simulator.addFault(FaultRule(operation: .createLabel, reset: true, count: 1))
            let response = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/labels", body: #"{"label":"Maybe","name":"maybe"}"#)
            #expect(response.status == .badGateway)
            #expect((response.json["message"] as? String)?.contains("unknown") == true)
            #expect(harness.simulator.stats().requests(.createLabel) == 1)
        }
    }
}
