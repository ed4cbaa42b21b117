import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// The `/_simulator/` control API, driven through the engine.
struct ControlAPITests {
    /// POST /_simulator/faults scripts a fault, DELETE clears them.
    @Test func faultsOverHTTP() throws {
        var sim = SimulatorHarness(.seed)
        let added = sim.send(.post, "/_simulator/faults", #"{"operation":"batchRead","status":503,"count":2}"#, token: nil)
        #expect(added.status.code == 200)
        #expect(try added.object().objects("faults").first?.int("count") == 2)
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[]}"#).status.code == 503)
        #expect(sim.send(.delete, "/_simulator/faults", token: nil).status.code == 204)
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[]}"#).status.code == 200)
        #expect(sim.send(.post, "/_simulator/faults", #"{"operation":"nope","status":503}"#, token: nil).status.code == 400)
        _ = sim.send(.post, "/_simulator/faults", #"{"operation":"*","latencyMs":50,"fraction":0.1}"#, token: nil)
        #expect(sim.engine.faultRules == [FaultRule(operation: nil, latencyMs: 50, fraction: 0.1)])
    }

    /// GET /_simulator/stats reports totals, per-operation counts, 429s and the peak window.
    @Test func stats() throws {
        var sim = SimulatorHarness(.seed) { $0.burstLimit = 1 }
        _ = sim.send(.get, "/crm/v4/associations/contacts/companies/labels")
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[]}"#)
        let stats = try sim.send(.get, "/_simulator/stats", token: nil).object()
        #expect(stats.object("requests").int("total") == 2)
        #expect(stats.object("requests").object("byOperation").int("batchRead") == 1)
        #expect(stats.object("requests").object("byOperation").int("listLabels") == 1)
        #expect(stats.int("rateLimited") == 1)
        #expect(stats.int("peakWindowCount") == 1)
    }

    /// GET /_simulator/requests returns recorded requests with headers (Authorization included) and bodies.
    @Test func recordedRequests() throws {
        var sim = SimulatorHarness(.seed) { $0.recordedRequestLimit = 3 }
        for id in 1...4 {
            _ = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":"\#(id)"}]}"#)
        }
        _ = sim.send(.get, "/crm/v4/associations/contacts/companies/labels?x=1")
        let all = try sim.send(.get, "/_simulator/requests", token: nil).object().objects("requests")
        #expect(all.count == 3)
        let reads = try sim.send(.get, "/_simulator/requests?operation=batchRead&limit=1", token: nil).object().objects("requests")
        let last = try #require(reads.first)
        #expect(reads.count == 1)
        #expect(last.string("body") == #"{"inputs":[{"id":"4"}]}"#)
        #expect(last.object("headers").string("authorization") == "Bearer sim-token")
        #expect(last.string("method") == "POST")
        #expect(last.int("status") == 200)
        #expect(all.last?.string("query") == "x=1")
    }

    /// POST /_simulator/reset clears associations, labels, counters and faults.
    @Test func reset() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/default/companies/2")
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"A","name":"a"}"#)
        sim.engine.addFault(FaultRule(operation: .deleteLabel, status: 500))
        #expect(sim.send(.post, "/_simulator/reset", token: nil).status.code == 204)
        let stats = sim.stats()
        #expect(stats.totalRequests == 0)
        #expect(stats.associationCount == 0)
        #expect(stats.userLabelCount == 0)
        #expect(sim.engine.faultRules.isEmpty)
        #expect(try sim.send(.get, "/crm/v4/associations/contacts/companies/labels").object().objects("results").count == 2)
    }
}
