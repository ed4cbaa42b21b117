import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// The options that make the simulator stricter about real HubSpot: no definitions list, and
/// creates that replace a pair's types.
struct RealHubSpotOptionTests {
    /// Without the definitions list, `GET …/definitions` is a 404 like any unknown route.
    @Test func definitionsListCanBeMissing() {
        var sim = SimulatorHarness(.hubspot) { $0.servesDefinitionsList = false }
        #expect(sim.send(.get, "/crm/v4/associations/definitions").status.code == 404)
        #expect(sim.send(.get, "/crm/v4/associations/contacts/companies/labels").status.code == 200)
    }

    /// Replacing creates leave a pair with exactly the new types (plus the unlabeled ones), in both
    /// directions; other pairs of the same record keep theirs; default creates still add.
    @Test func createsCanReplace() throws {
        var sim = SimulatorHarness(.hubspot) { $0.createReplacesLabels = true }
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]"#)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/3", #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]"#)
        let label = try sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"Billing","name":"billing"}"#).object()
        let labelID = try #require(label.objects("results").first?.int("typeId"))
        let create = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/create", #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"types":[{"associationCategory":"USER_DEFINED","associationTypeId":\#(labelID)}]}]}"#)
        #expect(create.status.code == 201)

        let read = try sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":"1"}]}"#).object()
        let to = read.objects("results").first?.objects("to") ?? []
        let types = Dictionary(uniqueKeysWithValues: to.map { ($0.int("toObjectId") ?? 0, Set($0.objects("associationTypes").compactMap { $0.int("typeId") })) })
        #expect(types[2] == [labelID, 279])
        #expect(types[3] == [1, 279])
        let reverse = try sim.send(.post, "/crm/v4/associations/companies/contacts/batch/read", #"{"inputs":[{"id":"2"}]}"#).object()
        let reverseTypes = reverse.objects("results").first?.objects("to").first?.objects("associationTypes").compactMap { $0.int("typeId") }
        #expect(reverseTypes == [280], "the primary's inverse went with it")

        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/default/companies/3")
        let after = try sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":"1"}]}"#).object()
        let company3 = after.objects("results").first?.objects("to").first { $0.int("toObjectId") == 3 }
        #expect(Set(company3?.objects("associationTypes").compactMap { $0.int("typeId") } ?? []) == [1, 279])
    }
}
