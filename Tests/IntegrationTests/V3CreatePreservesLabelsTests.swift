import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import Testing

/// v3 create adds a type to a pair; v4 create (as HubSpot documents it) replaces the pair's types.
/// Against an upstream that replaces, HubGate reads the pair's current types first and writes them
/// again, so a v3 create never drops what the pair had.
@Suite(.timeLimit(.minutes(2)))
struct V3CreatePreservesLabelsTests {
    /// Real HubSpot's shapes, replacing on create, paging batch/read at one association per record.
    static func replacingHubSpot(_ configuration: inout SimulatorConfiguration) {
        configuration.createReplacesLabels = true
        configuration.batchReadPageSize = 1
    }

    /// The type ids contact 1 has toward company 9, read through v4 from the simulator directly.
    static func types(_ harness: GatewayHarness) async throws -> Set<Int> {
        var ids = Set<Int>()
        var after: String?
        repeat {
            let input = after.map { #"{"id":"1","after":"\#($0)"}"# } ?? #"{"id":"1"}"#
            let read = try await harness.direct(.post, "/crm/v4/associations/contacts/companies/batch/read", body: #"{"inputs":["# + input + "]}")
            let result = (read.json["results"] as? [[String: Any]])?.first ?? [:]
            for to in result["to"] as? [[String: Any]] ?? [] where (to["toObjectId"] as? Int) == 9 {
                for type in to["associationTypes"] as? [[String: Any]] ?? [] { ids.insert(type["typeId"] as? Int ?? -1) }
            }
            after = ((result["paging"] as? [String: Any])?["next"] as? [String: Any])?["after"] as? String
        } while after != nil
        return ids
    }

    /// With the read (the default) a second v3 create keeps the pair's first type, found on a later
    /// page of the record's associations; without it the replacing upstream drops it (which proves
    /// the test can fail).
    @Test(arguments: [true, false])
    func secondCreateKeepsTheFirst(preserves: Bool) async throws {
        try await GatewayHarness.run(dialect: .hubspot, simulator: Self.replacingHubSpot, gateway: { $0.v3CreatePreservesLabels = preserves }) { harness in
            let label = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/labels", body: #"{"label":"Decision maker","name":"decision_maker"}"#)
            let labelID = try #require((label.json["results"] as? [[String: Any]])?.first?["typeId"] as? Int)
            // Other companies first, so the pair's types sit on a later page of contact 1's associations.
            let path = "/crm/v3/associations/contacts/companies/batch/create"
            _ = try await harness.gateway(.post, path, body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"7"},"type":"contact_to_company_unlabeled"},{"from":{"id":"1"},"to":{"id":"8"},"type":"contact_to_company_unlabeled"}]}"#)
            let first = try await harness.gateway(.post, path, body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"9"},"type":"contact_to_company"}]}"#)
            #expect(first.status == .created)
            let readsBefore = harness.simulator.stats().requests(.batchRead)
            let second = try await harness.gateway(.post, path, body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"9"},"type":"decision_maker"}]}"#)
            #expect(second.status == .created)
            #expect((second.json["results"] as? [[String: Any]])?.first?["type"] as? String == "decision_maker", "the answer echoes the v3 request only")

            #expect(harness.simulator.stats().requests(.batchRead) - readsBefore == (preserves ? 3 : 0), "one read per page of three")

            let types = try await Self.types(harness)
            #expect(types.isSuperset(of: [labelID, 279]))
            #expect(types.contains(1) == preserves, "contact_to_company (1): \(types)")
            let sent = try V3EndpointTests.recordedBody(harness, .batchCreate)
            let sentTypes = ((sent["inputs"] as? [[String: Any]])?.first?["types"] as? [[String: Any]] ?? []).compactMap { $0["associationTypeId"] as? Int }
            #expect(Set(sentTypes) == (preserves ? [1, 279, labelID] : [labelID]))
        }
    }

    /// When HubSpot refuses the read, its error goes back in v3's shape and nothing is written.
    @Test func refusedReadWritesNothing() async throws {
        try await GatewayHarness.run(dialect: .hubspot, simulator: Self.replacingHubSpot, gateway: { $0.upstream.retry.maxAttempts = 1 }) { harness in
            harness.simulator.addFault(FaultRule(operation: .batchRead, status: 503, count: 1))
            let create = try await harness.gateway(.post, "/crm/v3/associations/contacts/deals/batch/create", body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"contact_to_deal"}]}"#)
            #expect(create.status == .serviceUnavailable)
            #expect(create.json["status"] as? String == "error")
            #expect(harness.simulator.stats().requests(.batchCreate) == 0)
        }
    }
    /// When the read times out, the client hears that nothing was written, not that the write's
    /// outcome is unknown.
    @Test func unansweredReadSaysNothingWasWritten() async throws {
        let gateway: (inout GatewayConfiguration) -> Void = {
            $0.upstream.retry.maxAttempts = 1
            // Long enough for the catalog reads on a loaded machine, which would time out first.
            $0.upstream.requestTimeout = .seconds(1)
        }
        try await GatewayHarness.run(dialect: .hubspot, simulator: Self.replacingHubSpot, gateway: gateway) { harness in
            harness.simulator.addFault(FaultRule(operation: .batchRead, latencyMs: 3000, count: 1))
            let create = try await harness.gateway(.post, "/crm/v3/associations/contacts/deals/batch/create", body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"type":"contact_to_deal"}]}"#)
            #expect(create.status == .gatewayTimeout)
            let message = create.json["message"] as? String ?? ""
            #expect(message.contains("Nothing was written"))
            #expect(!message.contains("unknown"))
            #expect(create.json["category"] as? String == "GATEWAY_TIMEOUT")
            #expect(harness.simulator.stats().requests(.batchCreate) == 0)
        }
    }
}
