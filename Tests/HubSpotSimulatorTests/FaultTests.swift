import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// Scripted faults: next N calls, seeded fractions, latency and connection resets.
struct FaultTests {
    private static let read = "/crm/v4/associations/contacts/companies/batch/read"
    private static let body = #"{"inputs":[{"id":"1"}]}"#

    /// A status fault hits exactly the next N calls of its operation, HubSpot-shaped.
    @Test func nextNCalls() throws {
        var sim = SimulatorHarness(.seed)
        sim.engine.addFault(FaultRule(operation: .batchRead, status: 503, count: 2))
        let first = sim.send(.post, Self.read, Self.body)
        #expect(first.status.code == 503)
        #expect(try first.object().string("category") == "SERVICE_UNAVAILABLE")
        #expect(first.header("X-HubSpot-RateLimit-Remaining") != nil)
        #expect(sim.send(.get, "/crm/v4/associations/contacts/companies/labels").status.code == 200)
        #expect(sim.send(.post, Self.read, Self.body).status.code == 503)
        #expect(sim.send(.post, Self.read, Self.body).status.code == 200)
        #expect(sim.engine.faultRules.isEmpty)
        #expect(sim.stats().faultsInjected == 2)
    }

    /// A 429 fault carries the requested policy name and does not count as a real rate limit.
    @Test func scripted429() throws {
        var sim = SimulatorHarness(.hubspot)
        sim.engine.addFault(FaultRule(operation: nil, status: 429, policyName: "SECONDLY", count: 1))
        let response = sim.send(.get, "/crm/v4/associations/contacts/companies/labels")
        #expect(response.status.code == 429)
        #expect(try response.object().string("policyName") == "SECONDLY")
        #expect(sim.stats().rateLimited == 0)
    }

    /// Seeded fractions fault the same calls on every run with the same seed.
    @Test func fractionIsDeterministic() {
        func pattern(seed: UInt64) -> [Int] {
            var sim = SimulatorHarness(.seed) { $0.faultSeed = seed }
            sim.engine.addFault(FaultRule(operation: .batchRead, status: 500, fraction: 0.3))
            return (0..<200).map { _ in sim.send(.post, Self.read, Self.body).status.code }
        }
        let first = pattern(seed: 11)
        #expect(first == pattern(seed: 11))
        #expect(first != pattern(seed: 12))
        let faulted = first.filter { $0 == 500 }.count
        #expect(faulted > 30 && faulted < 90)
    }

    /// Latency faults add delay to the answer without changing it; `*` matches every operation.
    @Test func latency() {
        var sim = SimulatorHarness(.seed)
        sim.engine.addFault(FaultRule(operation: nil, latencyMs: 50))
        sim.engine.addFault(FaultRule(operation: .listLabels, latencyMs: 25, count: 1))
        let response = sim.send(.get, "/crm/v4/associations/contacts/companies/labels")
        #expect(response.status.code == 200)
        #expect(response.latency == .milliseconds(75))
        #expect(sim.send(.get, "/crm/v4/associations/contacts/companies/labels").latency == .milliseconds(50))
    }

    /// A reset fault tells the transport to break the connection instead of answering.
    @Test func reset() {
        var sim = SimulatorHarness(.seed)
        sim.engine.addFault(FaultRule(operation: .listLabels, reset: true, count: 1))
        #expect(sim.send(.get, "/crm/v4/associations/contacts/companies/labels").disposition == .resetConnection)
        #expect(sim.send(.get, "/crm/v4/associations/contacts/companies/labels").disposition == .respond)
        #expect(sim.engine.recordedRequests().first?.status == 0)
    }

    /// Faults apply only after authentication and rate limiting have admitted the call.
    @Test func faultsAfterAdmission() {
        var sim = SimulatorHarness(.seed)
        sim.engine.addFault(FaultRule(operation: nil, status: 503, count: 1))
        #expect(sim.send(.get, "/crm/v4/associations/contacts/companies/labels", token: nil).status.code == 401)
        #expect(sim.send(.get, "/crm/v4/associations/contacts/companies/labels").status.code == 503)
    }
}
