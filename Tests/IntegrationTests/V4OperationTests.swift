import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// Every v4 operation through gateway → simulator, in both dialects: HubSpot's status, body and
/// headers come back unchanged and each call costs exactly one upstream request.
@Suite(.timeLimit(.minutes(2)))
struct V4OperationTests {
    struct Call: Sendable {
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        let operation: SimulatorOperation
        let seedStatus: Int
        let hubSpotStatus: Int
    }

    static let primary = #"{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}"#

    /// The calls, in an order where each finds the state the previous ones made.
    static func calls(labelTypeID: String) -> [Call] {
        [
            Call(method: .get, path: "/crm/v4/associations/contacts/companies/labels", body: nil, operation: .listLabels, seedStatus: 200, hubSpotStatus: 200),
            Call(method: .get, path: "/crm/v4/associations/definitions?limit=5", body: nil, operation: .listDefinitions, seedStatus: 200, hubSpotStatus: 200),
            Call(method: .put, path: "/crm/v4/objects/contacts/101/associations/companies", body: #"{"to":{"id":"201"},"types":[\#(primary)]}"#, operation: .createAssociation, seedStatus: 200, hubSpotStatus: 201),
            Call(method: .put, path: "/crm/v4/objects/contacts/102/associations/companies/202", body: "[\(primary)]", operation: .createLabeledAssociation, seedStatus: 201, hubSpotStatus: 201),
            Call(method: .put, path: "/crm/v4/objects/contact/103/associations/default/company/203", body: nil, operation: .createDefaultAssociation, seedStatus: 200, hubSpotStatus: 200),
            Call(method: .get, path: "/crm/v4/objects/contacts/101/associations/companies?limit=10", body: nil, operation: .listAssociations, seedStatus: 200, hubSpotStatus: 200),
            Call(method: .post, path: "/crm/v4/associations/contacts/companies/batch/create", body: #"{"inputs":[{"from":{"id":"104"},"to":{"id":"204"},"types":[\#(primary)]}]}"#, operation: .batchCreate, seedStatus: 200, hubSpotStatus: 201),
            Call(method: .post, path: "/crm/v4/associations/contacts/companies/batch/associate/default", body: #"{"inputs":[{"from":{"id":"105"},"to":{"id":"205"}}]}"#, operation: .batchCreateDefault, seedStatus: 200, hubSpotStatus: 200),
            Call(method: .post, path: "/crm/v4/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"101"},{"id":"104"}]}"#, operation: .batchRead, seedStatus: 200, hubSpotStatus: 200),
            Call(method: .post, path: "/crm/v4/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"999"}]}"#, operation: .batchRead, seedStatus: 200, hubSpotStatus: 207),
            Call(method: .post, path: "/crm/v4/associations/contacts/companies/batch/labels/archive", body: #"{"inputs":[{"from":{"id":"104"},"to":{"id":"204"},"types":[\#(primary)]}]}"#, operation: .batchArchiveLabels, seedStatus: 204, hubSpotStatus: 204),
            Call(method: .post, path: "/crm/v4/associations/contacts/companies/batch/archive", body: #"{"inputs":[{"from":{"id":"105"},"to":{"id":"205"}}]}"#, operation: .batchArchive, seedStatus: 204, hubSpotStatus: 204),
            Call(method: .post, path: "/crm/v4/associations/contacts/companies/batch/archive", body: #"{"inputs":[{"from":{"id":"103"},"to":[{"id":"203"}]}]}"#, operation: .batchArchive, seedStatus: 204, hubSpotStatus: 204),
            Call(method: .delete, path: "/crm/v4/objects/contacts/102/associations/companies/202", body: nil, operation: .deleteAssociation, seedStatus: 204, hubSpotStatus: 204),
            Call(method: .put, path: "/crm/v4/associations/contacts/companies/labels/\(labelTypeID)", body: #"{"label":"Key buyer","name":"buyer"}"#, operation: .updateLabel, seedStatus: 204, hubSpotStatus: 204),
            Call(method: .put, path: "/crm/v4/associations/contacts/companies/labels", body: #"{"associationTypeId":\#(labelTypeID),"label":"Main buyer"}"#, operation: .updateLabel, seedStatus: 204, hubSpotStatus: 204),
            Call(method: .get, path: "/crm/v4/associations/definitions/configurations/all", body: nil, operation: .listAllConfigurations, seedStatus: 200, hubSpotStatus: 200),
            Call(method: .post, path: "/crm/v4/associations/usage/high-usage-report/42", body: nil, operation: .highUsageReport, seedStatus: 200, hubSpotStatus: 200),
            Call(method: .delete, path: "/crm/v4/associations/contacts/companies/labels/\(labelTypeID)", body: nil, operation: .deleteLabel, seedStatus: 204, hubSpotStatus: 204),
        ]
    }

    /// Each operation answers with the dialect's status through the gateway and costs one upstream call.
    @Test(arguments: SimulatorDialect.allCases)
    func everyOperationIsForwarded(dialect: SimulatorDialect) async throws {
        try await GatewayHarness.run(dialect: dialect) { harness in
            let created = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/labels", body: #"{"label":"Buyer","name":"buyer","inverseLabel":"Bought by"}"#)
            #expect(created.status == .ok)
            let labelTypeID = try #require(Self.createdTypeID(created.json))
            for call in Self.calls(labelTypeID: labelTypeID) {
                let before = harness.simulator.stats().requests(call.operation)
                let response = try await harness.gateway(call.method, call.path, body: call.body)
                let expected = dialect == .seed ? call.seedStatus : call.hubSpotStatus
                #expect(response.status.code == expected, "\(call.method) \(call.path): \(response.body)")
                #expect(harness.simulator.stats().requests(call.operation) == before + 1, "\(call.path) cost one upstream call")
                #expect(response.header("X-Request-Id") != nil)
                #expect(response.header("X-HubSpot-RateLimit-Remaining") != nil, "rate-limit headers are relayed")
                if response.status != .noContent {
                    #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
                }
            }
        }
    }

    /// A gateway answer is byte-for-byte the simulator's answer to the same read, but for the origin
    /// of paging links (HubGate's, see `PagingLinkTests`).
    @Test(arguments: SimulatorDialect.allCases)
    func relaysBodiesUnchanged(dialect: SimulatorDialect) async throws {
        try await GatewayHarness.run(dialect: dialect) { harness in
            _ = try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/create", body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"types":[\#(Self.primary)]}]}"#)
            for path in ["/crm/v4/objects/contacts/1/associations/companies", "/crm/v4/associations/companies/contacts/labels", "/crm/v4/associations/definitions?limit=3"] {
                let viaGateway = try await harness.gateway(.get, path)
                let direct = try await harness.direct(.get, path)
                #expect(viaGateway.status == direct.status)
                let relinked = viaGateway.body.replacingOccurrences(of: #""link":"\#(harness.gatewayURL)/"#, with: #""link":"\#(harness.simulatorURL)/"#)
                #expect(relinked == direct.body, "\(path)")
            }
        }
    }

    private static func createdTypeID(_ json: [String: Any]) -> String? {
        if let typeID = json["typeId"] as? Int { return String(typeID) }
        let results = json["results"] as? [[String: Any]] ?? []
        return (results.first { $0["label"] as? String == "Buyer" }?["typeId"] as? Int).map(String.init)
    }
}
