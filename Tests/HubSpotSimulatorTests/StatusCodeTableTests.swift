import HTTPTypes
import HubSpotSimulator
import Testing

/// Every operation's success status in each dialect, table-style (reference §3.8 for hubspot).
struct StatusCodeTableTests {
    /// One call of the table: method, target, body, and the expected status per dialect.
    struct Call: Sendable, CustomStringConvertible {
        var operation: SimulatorOperation
        var method: HTTPRequest.Method
        var target: String
        var body: String?
        var seed: Int
        var hubspot: Int

        var description: String { operation.rawValue }
    }

    /// In order: later calls rely on what earlier ones wrote (label 100, association 1 → 2).
    static let calls: [Call] = [
        Call(operation: .createLabel, method: .post, target: "/crm/v4/associations/contacts/companies/labels", body: #"{"label":"Manager","name":"manager","inverseLabel":"Employee"}"#, seed: 200, hubspot: 200),
        Call(operation: .listLabels, method: .get, target: "/crm/v4/associations/contacts/companies/labels", seed: 200, hubspot: 200),
        Call(operation: .updateLabel, method: .put, target: "/crm/v4/associations/contacts/companies/labels/100", body: #"{"label":"Boss","name":"manager"}"#, seed: 204, hubspot: 204),
        Call(operation: .updateLabel, method: .put, target: "/crm/v4/associations/contacts/companies/labels", body: #"{"associationTypeId":100,"label":"Chief"}"#, seed: 204, hubspot: 204),
        Call(operation: .createAssociation, method: .put, target: "/crm/v4/objects/contacts/1/associations/companies", body: #"{"to":{"id":"2"},"types":[{"associationCategory":"USER_DEFINED","associationTypeId":100}]}"#, seed: 200, hubspot: 201),
        Call(operation: .createLabeledAssociation, method: .put, target: "/crm/v4/objects/contacts/1/associations/companies/3", body: #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]"#, seed: 201, hubspot: 201),
        Call(operation: .createDefaultAssociation, method: .put, target: "/crm/v4/objects/contacts/1/associations/default/companies/4", seed: 200, hubspot: 200),
        Call(operation: .listAssociations, method: .get, target: "/crm/v4/objects/contacts/1/associations/companies", seed: 200, hubspot: 200),
        Call(operation: .batchRead, method: .post, target: "/crm/v4/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"1"}]}"#, seed: 200, hubspot: 200),
        Call(operation: .batchRead, method: .post, target: "/crm/v4/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"1"},{"id":"9"}]}"#, seed: 200, hubspot: 207),
        Call(operation: .batchCreate, method: .post, target: "/crm/v4/associations/contacts/companies/batch/create", body: #"{"inputs":[{"from":{"id":"5"},"to":{"id":"6"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":279}]}]}"#, seed: 200, hubspot: 201),
        Call(operation: .batchCreateDefault, method: .post, target: "/crm/v4/associations/contacts/companies/batch/associate/default", body: #"{"inputs":[{"from":{"id":"7"},"to":{"id":"8"}}]}"#, seed: 200, hubspot: 200),
        Call(operation: .batchArchiveLabels, method: .post, target: "/crm/v4/associations/contacts/companies/batch/labels/archive", body: #"{"inputs":[{"from":{"id":"1"},"to":{"id":"3"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}"#, seed: 204, hubspot: 204),
        Call(operation: .batchArchive, method: .post, target: "/crm/v4/associations/contacts/companies/batch/archive", body: #"{"inputs":[{"from":{"id":"1"},"to":[{"id":"2"},{"id":"3"}]}]}"#, seed: 204, hubspot: 204),
        Call(operation: .batchArchive, method: .post, target: "/crm/v4/associations/contacts/companies/batch/archive", body: #"{"inputs":[{"from":{"id":"5"},"to":{"id":"6"}}]}"#, seed: 204, hubspot: 204),
        Call(operation: .deleteAssociation, method: .delete, target: "/crm/v4/objects/contacts/1/associations/companies/4", seed: 204, hubspot: 204),
        Call(operation: .deleteLabel, method: .delete, target: "/crm/v4/associations/contacts/companies/labels/100", seed: 204, hubspot: 204),
        Call(operation: .listDefinitions, method: .get, target: "/crm/v4/associations/definitions", seed: 200, hubspot: 200),
        Call(operation: .batchCreateConfigurations, method: .post, target: "/crm/v4/associations/definitions/configurations/contacts/companies/batch/create", body: #"{"inputs":[{"category":"HUBSPOT_DEFINED","typeId":279,"maxToObjectIds":10}]}"#, seed: 201, hubspot: 201),
        Call(operation: .batchUpdateConfigurations, method: .post, target: "/crm/v4/associations/definitions/configurations/contacts/companies/batch/update", body: #"{"inputs":[{"category":"HUBSPOT_DEFINED","typeId":279,"maxToObjectIds":9}]}"#, seed: 200, hubspot: 200),
        Call(operation: .listConfigurations, method: .get, target: "/crm/v4/associations/definitions/configurations/contacts/companies", seed: 200, hubspot: 200),
        Call(operation: .listAllConfigurations, method: .get, target: "/crm/v4/associations/definitions/configurations/all", seed: 200, hubspot: 200),
        Call(operation: .batchPurgeConfigurations, method: .post, target: "/crm/v4/associations/definitions/configurations/contacts/companies/batch/purge", body: #"{"inputs":[{"category":"HUBSPOT_DEFINED","typeId":279}]}"#, seed: 204, hubspot: 204),
        Call(operation: .highUsageReport, method: .post, target: "/crm/v4/associations/usage/high-usage-report/42", seed: 200, hubspot: 200),
    ]

    /// Each call answers its dialect's status, is counted under its operation, and 204s have no body.
    @Test(arguments: SimulatorDialect.allCases)
    func statusCodes(dialect: SimulatorDialect) throws {
        var sim = SimulatorHarness(dialect)
        for call in Self.calls {
            let before = sim.stats().requests(call.operation)
            let response = sim.send(call.method, call.target, call.body)
            let expected = dialect == .seed ? call.seed : call.hubspot
            #expect(response.status.code == expected, "\(call) \(call.target): \(response.bodyText)")
            #expect(sim.stats().requests(call.operation) == before + 1, "\(call) counted")
            if expected == 204 {
                #expect(response.body.isEmpty, "\(call)")
            } else {
                _ = try response.object()
            }
        }
        #expect(Set(Self.calls.map(\.operation)) == Set(SimulatorOperation.allCases).subtracting([.unknown]))
    }
}
