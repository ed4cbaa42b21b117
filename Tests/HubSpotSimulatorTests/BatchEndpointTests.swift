import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// The batch endpoints under `/crm/v4/associations/{from}/{to}/batch/…`.
struct BatchEndpointTests {
    private static let primary = #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]"#

    /// Seed batch/read answers 200 with one AssociationResult per input, empty `to` for lonely records.
    @Test func seedBatchRead() throws {
        var sim = SimulatorHarness(.seed)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", Self.primary)
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":"1"},{"id":"99"}]}"#)
        #expect(response.status.code == 200)
        let body = try response.object()
        #expect(body.string("status") == "COMPLETE")
        let results = body.objects("results")
        #expect(results.map { $0.object("from").string("id") } == ["1", "99"])
        #expect(results.first?.objects("to").first?.string("toObjectId") == "2")
        #expect(results.first?.objects("to").first?.objects("associationTypes").first?.int("associationTypeId") == 1)
        #expect(results.last?.objects("to").isEmpty == true)
        #expect(body["errors"] == nil)
    }

    /// hubspot batch/read answers 207 with NO_ASSOCIATIONS_FOUND errors for records without associations.
    @Test func hubspotBatchReadReportsMissing() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.put, "/crm/v4/objects/deals/1/associations/companies/2", #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":5}]"#)
        let response = sim.send(.post, "/crm/v4/associations/deals/companies/batch/read", #"{"inputs":[{"id":"1"},{"id":"515690208449"}]}"#)
        #expect(response.status.code == 207)
        let body = try response.object()
        #expect(body.int("numErrors") == 1)
        let error = try #require(body.objects("errors").first)
        #expect(error.string("category") == "OBJECT_NOT_FOUND")
        #expect(error.string("subCategory") == "crm.associations.NO_ASSOCIATIONS_FOUND")
        #expect(error.string("message") == "No company is associated with deal 515690208449.")
        #expect(error.object("context")["fromObjectId"] as? [String] == ["515690208449"])
        let result = try #require(body.objects("results").first)
        #expect(result.objects("to").first?.int("toObjectId") == 2)
        #expect(result.objects("to").first?.objects("associationTypes").map { $0.int("typeId") } == [5, 341])
    }

    /// hubspot batch/read answers 200 when every record has associations.
    @Test func hubspotBatchReadAllFound() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/default/companies/2")
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":"1"}]}"#)
        #expect(response.status.code == 200)
    }

    /// batch/read pages per record with the configured page size, continued by `after`.
    @Test func batchReadPagesPerRecord() throws {
        var sim = SimulatorHarness(.hubspot) { $0.batchReadPageSize = 2 }
        for id in 1...3 { _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/default/deals/\(id)") }
        let first = try sim.send(.post, "/crm/v4/associations/contacts/deals/batch/read", #"{"inputs":[{"id":"1"}]}"#).object()
        let result = try #require(first.objects("results").first)
        #expect(result.objects("to").count == 2)
        let after = try #require(result.object("paging").object("next").string("after"))
        let second = try sim.send(.post, "/crm/v4/associations/contacts/deals/batch/read", #"{"inputs":[{"id":"1","after":"\#(after)"}]}"#).object()
        let rest = try #require(second.objects("results").first)
        #expect(rest.objects("to").map { $0.int("toObjectId") } == [3])
        #expect(rest["paging"] == nil)
    }

    /// Seed batch/create answers 200; hubspot 201 with LabelsBetweenObjectPair results.
    @Test(arguments: SimulatorDialect.allCases)
    func batchCreateStatus(dialect: SimulatorDialect) throws {
        var sim = SimulatorHarness(dialect)
        let body = #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}"#
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/create", body)
        #expect(response.status.code == (dialect == .seed ? 200 : 201))
        let result = try #require(try response.object().objects("results").first)
        switch dialect {
        case .seed: #expect(result.object("from").string("id") == "1")
        case .hubspot: #expect(result["labels"] as? [String] == ["Primary"])
        }
    }

    /// hubspot batch/create answers 207 with an error for an input with an invalid type and keeps the rest.
    @Test func batchCreatePartialFailure() throws {
        var sim = SimulatorHarness(.hubspot)
        let body = #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]},{"from":{"id":"1"},"to":{"id":"3"},"types":[{"associationCategory":"USER_DEFINED","associationTypeId":3}]}]}"#
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/create", body)
        #expect(response.status.code == 207)
        let parsed = try response.object()
        #expect(parsed.objects("results").count == 1)
        #expect(parsed.int("numErrors") == 1)
        #expect(parsed.objects("errors").first?.object("context")["associationSpec"] as? [String] == ["USER_DEFINED=3"])
    }

    /// batch/associate/default answers 200 with two results per input.
    @Test func batchAssociateDefault() throws {
        var sim = SimulatorHarness(.hubspot)
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/associate/default", #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"}},{"from":{"id":"1"},"to":{"id":"3"}}]}"#)
        #expect(response.status.code == 200)
        let results = try response.object().objects("results")
        #expect(results.map { $0.object("associationSpec").int("associationTypeId") } == [279, 280, 279, 280])
    }

    /// batch/archive in the clients' form (`to` is an array) removes every type of each pair.
    @Test func batchArchiveClientForm() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", Self.primary)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/default/companies/3")
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/archive", #"{"inputs":[{"from":{"id":"1"},"to":[{"id":"2"},{"id":"3"}]}]}"#)
        #expect(response.status.code == 204)
        #expect(try sim.send(.get, "/crm/v4/objects/contacts/1/associations/companies").object().objects("results").isEmpty)
        #expect(try sim.send(.get, "/crm/v4/objects/companies/3/associations/contacts").object().objects("results").isEmpty)
    }

    /// batch/archive in the seed form with `types` removes only those types (and their inverses).
    @Test func batchArchiveSeedFormWithTypes() throws {
        var sim = SimulatorHarness(.seed)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", Self.primary)
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/archive", #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}"#)
        #expect(response.status.code == 204)
        let forward = try sim.send(.get, "/crm/v4/objects/contacts/1/associations/companies").object().objects("to")
        #expect(forward.first?.objects("associationTypes").map { $0.int("associationTypeId") } == [279])
        let reverse = try sim.send(.get, "/crm/v4/objects/companies/2/associations/contacts").object().objects("to")
        #expect(reverse.first?.objects("associationTypes").map { $0.int("associationTypeId") } == [280])
    }

    /// labels/archive of the unlabeled type removes the whole association.
    @Test func labelsArchiveUnlabeledRemovesAll() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", Self.primary)
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/labels/archive", #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":279}]}]}"#)
        #expect(response.status.code == 204)
        #expect(try sim.send(.get, "/crm/v4/objects/companies/2/associations/contacts").object().objects("results").isEmpty)
    }

    /// batch/read over 1,000 inputs and batch/create over 2,000 are refused with 400.
    @Test func batchSizeLimits() throws {
        var sim = SimulatorHarness(.hubspot)
        let reads = (1...1001).map { #"{"id":"\#($0)"}"# }.joined(separator: ",")
        let readResponse = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[\#(reads)]}"#)
        #expect(readResponse.status.code == 400)
        #expect(try readResponse.object().string("category") == "VALIDATION_ERROR")
        let creates = (1...2001).map { #"{"from":{"id":"1"},"to":{"id":"\#($0)"},"types":[]}"# }.joined(separator: ",")
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/batch/create", #"{"inputs":[\#(creates)]}"#).status.code == 400)
        let ok = (1...1000).map { #"{"id":"\#($0)"}"# }.joined(separator: ",")
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[\#(ok)]}"#).status.code == 207)
    }

    /// Batch limits follow the configuration.
    @Test func configurableBatchLimit() {
        var sim = SimulatorHarness(.seed) { $0.maxBatchReadInputs = 2 }
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":"1"},{"id":"2"},{"id":"3"}]}"#).status.code == 400)
    }
}
