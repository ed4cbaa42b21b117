import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import Testing

/// Custom label names against an upstream that behaves like real HubSpot: no definitions list, v4
/// labels without names. The only source of a v3 name is the label create HubGate relayed.
@Suite(.timeLimit(.minutes(2)))
struct V3LabelNameTests {
    /// Real HubSpot's shapes, and no `GET …/definitions`.
    static func realHubSpot(_ configuration: inout SimulatorConfiguration) {
        configuration.servesDefinitionsList = false
    }

    /// The type ids a HubSpot-vocabulary label create answered with, by label.
    static func createdTypeIDs(_ response: TestResponse) -> [String: Int] {
        let results = response.json["results"] as? [[String: Any]] ?? []
        return Dictionary(results.compactMap { result in
            (result["label"] as? String).flatMap { label in (result["typeId"] as? Int).map { (label, $0) } }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// A label created through v4 is named in v3 `types` (both directions), accepted by v3
    /// `batch/create` as the right v4 type, and named in v3 `batch/read`; after the gateway stops,
    /// a new one on the same cache file, in front of the same HubSpot, still knows the names.
    @Test func namesFromLabelCreatesWithoutDefinitions() async throws {
        let cachePath = TemporaryDirectory.shared.uniquePath(named: "cache.sqlite")
        // The outer harness's simulator is the HubSpot both gateways talk to; its own gateway idles.
        try await GatewayHarness.run(dialect: .hubspot, simulator: Self.realHubSpot) { hubSpot in
            var forward = 0
            var inverse = 0
            try await GatewayHarness.run(dialect: .hubspot, gateway: { $0.cache.path = cachePath }, upstreamURL: hubSpot.simulatorURL) { harness in
                // Warm the pair's cached labels first: the create must still reach the next v3 call.
                let before = try await harness.gateway(.get, "/crm/v3/associations/contacts/deals/types")
                #expect(!before.body.contains("decision_maker"))

                let created = try await harness.gateway(
                    .post, "/crm/v4/associations/contacts/deals/labels",
                    body: #"{"label":"Decision maker","name":"decision_maker","inverseLabel":"Decided by"}"#
                )
                #expect(created.status == .ok)
                let ids = Self.createdTypeIDs(created)
                forward = try #require(ids["Decision maker"])
                inverse = try #require(ids["Decided by"])

                let types = try await harness.gateway(.get, "/crm/v3/associations/contacts/deals/types")
                let listed = types.json["results"] as? [[String: String]] ?? []
                #expect(listed.contains(["id": String(forward), "name": "decision_maker"]), "\(types.body)")
                let reverse = try await harness.gateway(.get, "/crm/v3/associations/deals/contacts/types")
                #expect((reverse.json["results"] as? [[String: String]] ?? []).contains(["id": String(inverse), "name": "decision_maker"]))
                #expect(!types.body.contains("user_defined_\(forward)"))

                let create = try await harness.gateway(
                    .post, "/crm/v3/associations/contacts/deals/batch/create",
                    body: #"{"inputs":[{"from":{"id":"11"},"to":{"id":"22"},"type":"decision_maker"}]}"#
                )
                #expect(create.status == .created)
                let v4Create = try V3EndpointTests.recordedBody(hubSpot, .batchCreate)
                let v4Types = (v4Create["inputs"] as? [[String: Any]])?.first?["types"] as? [[String: Any]] ?? []
                #expect(v4Types.contains { $0["associationCategory"] as? String == "USER_DEFINED" && $0["associationTypeId"] as? Int == forward })

                let read = try await harness.gateway(.post, "/crm/v3/associations/contacts/deals/batch/read", body: #"{"inputs":[{"id":"11"}]}"#)
                #expect(read.status == .ok)
                #expect(read.body.contains(#"{"id":"22","type":"decision_maker"}"#), "\(read.body)")
                #expect(hubSpot.simulator.stats().requests(.listDefinitions) == 1, "asked for once; its 404 is remembered")
            }

            // The first gateway has stopped; a new one opens the same file.
            try await GatewayHarness.run(dialect: .hubspot, gateway: { $0.cache.path = cachePath }, upstreamURL: hubSpot.simulatorURL) { restarted in
                let types = try await restarted.gateway(.get, "/crm/v3/associations/contacts/deals/types")
                #expect((types.json["results"] as? [[String: String]] ?? []).contains(["id": String(forward), "name": "decision_maker"]))
                let reverse = try await restarted.gateway(.get, "/crm/v3/associations/deals/contacts/types")
                #expect((reverse.json["results"] as? [[String: String]] ?? []).contains(["id": String(inverse), "name": "decision_maker"]))
                let read = try await restarted.gateway(.post, "/crm/v3/associations/contacts/deals/batch/read", body: #"{"inputs":[{"id":"11"}]}"#)
                #expect(read.body.contains(#"{"id":"22","type":"decision_maker"}"#), "\(read.body)")
            }
        }
    }

    /// A label deleted through HubGate loses its remembered name; a rejected create remembers nothing.
    @Test func deletesAndRejectedCreates() async throws {
        try await GatewayHarness.run(dialect: .hubspot, simulator: Self.realHubSpot) { harness in
            let created = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/labels", body: #"{"label":"Billing","name":"billing"}"#)
            let id = try #require(Self.createdTypeIDs(created)["Billing"])
            let duplicate = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/labels", body: #"{"label":"Billing again","name":"billing"}"#)
            #expect(duplicate.status == .badRequest)
            #expect(try await harness.gateway(.get, "/crm/v3/associations/contacts/companies/types").body.contains(#""name":"billing""#))

            let deleted = try await harness.gateway(.delete, "/crm/v4/associations/contacts/companies/labels/\(id)")
            #expect(deleted.status == .noContent)
            let types = try await harness.gateway(.get, "/crm/v3/associations/contacts/companies/types")
            #expect(!types.body.contains("billing"), "\(types.body)")
        }
    }
}
