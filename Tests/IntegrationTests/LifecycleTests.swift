import HTTPTypes
import HubSpotSimulator
import Testing

/// Health, readiness and graceful shutdown.
@Suite(.timeLimit(.minutes(1)))
struct LifecycleTests {
    /// The admin listener reports health and readiness.
    @Test func reportsHealthAndReadiness() async throws {
        try await GatewayHarness.run { harness in
            let health = try await harness.send(.get, harness.adminURL + "/healthz", authorization: nil, body: nil)
            #expect(health.status == .ok)
            let ready = try await harness.send(.get, harness.adminURL + "/readyz", authorization: nil, body: nil)
            #expect(ready.status == .ok)
        }
    }

    /// Calls in flight when shutdown starts still complete with HubSpot's answer.
    @Test func completesInFlightCallsOnShutdown() async throws {
        let outcome = Outcome()
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .listLabels, latencyMs: 700, count: 1))
            let inFlight = Task {
                try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels")
            }
            // Until the call is upstream (a fixed sleep was too short when the suite loads both cores).
            for _ in 0..<100 where harness.simulator.stats().requests(.listLabels) == 0 {
                try await Task.sleep(for: .milliseconds(10))
            }
            // Returning from the body starts graceful shutdown while the call is still upstream.
            await outcome.set(inFlight)
        }
        let response = try await outcome.task?.value
        #expect(response?.status == .ok)
    }

    actor Outcome {
        var task: Task<TestResponse, any Error>?
        func set(_ task: Task<TestResponse, any Error>) { self.task = task }
    }
}
