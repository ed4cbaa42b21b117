import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// The record endpoints under `/crm/v4/objects/…` in both dialects.
struct BasicEndpointTests {
    /// Seed create answers 200 AssociationResult with the primary type and its unlabeled twin.
    @Test func seedCreateReturnsAssociationResult() throws {
        var sim = SimulatorHarness(.seed)
        let response = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies", #"{"to":{"id":"2"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}"#)
        #expect(response.status.code == 200)
        let body = try response.object()
        #expect(body.object("from").string("id") == "1")
        let to = try #require(body.objects("to").first)
        #expect(to.string("toObjectId") == "2")
        let types = to.objects("associationTypes")
        #expect(types.map { $0.int("associationTypeId") } == [1, 279])
        #expect(types.first?.string("label") == "Primary")
        #expect(types.first?.string("associationCategory") == "HUBSPOT_DEFINED")
    }

    /// Creating contact → company primary shows company → contact with the inverse types 2 and 280.
    @Test func inverseDirectionIsWritten() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]"#)
        let response = sim.send(.get, "/crm/v4/objects/companies/2/associations/contacts")
        let result = try #require(try response.object().objects("results").first)
        #expect(result.int("toObjectId") == 1)
        let types = result.objects("associationTypes")
        #expect(types.map { $0.int("typeId") } == [2, 280])
        #expect(types.first?.string("label") == "Contact with Primary Company")
        #expect(types.last?["label"] is NSNull)
    }

    /// Parent/child companies pair 13 with 14.
    @Test func parentChildInverse() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.put, "/crm/v4/objects/companies/10/associations/companies/11", #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":13}]"#)
        let reverse = try #require(try sim.send(.get, "/crm/v4/objects/companies/11/associations/companies").object().objects("results").first)
        #expect(reverse.objects("associationTypes").map { $0.int("typeId") } == [14, 450])
    }

    /// The clients' labeled create answers 201 LabelsBetweenObjectPair in both dialects.
    @Test(arguments: SimulatorDialect.allCases)
    func labeledCreateReturns201(dialect: SimulatorDialect) throws {
        var sim = SimulatorHarness(dialect)
        let response = sim.send(.put, "/crm/v4/objects/contact/1/associations/company/2", #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]"#)
        #expect(response.status.code == 201)
        let body = try response.object()
        #expect(body.string("fromObjectTypeId") == "0-1")
        #expect(body.string("toObjectTypeId") == "0-2")
        #expect(body["labels"] as? [String] == ["Primary"])
    }

    /// hubspot list is `{results: [{toObjectId: number, associationTypes: [{category, typeId, label}]}]}`.
    @Test func hubspotListShape() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.put, "/crm/v4/objects/deals/5/associations/default/contacts/7")
        let response = sim.send(.get, "/crm/v4/objects/deals/5/associations/contacts")
        #expect(response.status.code == 200)
        let body = try response.object()
        #expect(body["from"] == nil)
        let result = try #require(body.objects("results").first)
        #expect(result["toObjectId"] is NSNumber)
        let type = try #require(result.objects("associationTypes").first)
        #expect(type.string("category") == "HUBSPOT_DEFINED")
        #expect(type.int("typeId") == 3)
        #expect(type.keys.contains("label"))
    }

    /// Default create answers 200 with one result per direction (deal → line item 19 and 20).
    @Test(arguments: SimulatorDialect.allCases)
    func defaultCreateReturnsBothDirections(dialect: SimulatorDialect) throws {
        var sim = SimulatorHarness(dialect)
        let response = sim.send(.put, "/crm/v4/objects/deals/1/associations/default/line_items/2")
        #expect(response.status.code == 200)
        let body = try response.object()
        #expect(body.string("status") == "COMPLETE")
        let results = body.objects("results")
        #expect(results.map { $0.object("associationSpec").int("associationTypeId") } == [19, 20])
        #expect(results.first?.object("from").string("id") == "1")
        #expect(results.last?.object("from").string("id") == "2")
        #expect(body.string("startedAt")?.hasSuffix("Z") == true)
        #expect(body.string("completedAt")?.contains(".") == true)
    }

    /// Delete answers 204 and removes every type in both directions.
    @Test func deleteRemovesBothDirections() throws {
        var sim = SimulatorHarness(.seed)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]"#)
        let delete = sim.send(.delete, "/crm/v4/objects/contacts/1/associations/companies/2")
        #expect(delete.status.code == 204)
        #expect(delete.body.isEmpty)
        #expect(try sim.send(.get, "/crm/v4/objects/contacts/1/associations/companies").object().objects("to").isEmpty)
        #expect(try sim.send(.get, "/crm/v4/objects/companies/2/associations/contacts").object().objects("to").isEmpty)
    }

    /// Lists page with an opaque `after` cursor and a link, and the last page has no paging.
    @Test(arguments: SimulatorDialect.allCases)
    func listPaging(dialect: SimulatorDialect) throws {
        var sim = SimulatorHarness(dialect)
        for id in 1...5 { _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/default/companies/\(id)") }
        let key = dialect == .seed ? "to" : "results"
        let first = try sim.send(.get, "/crm/v4/objects/contacts/1/associations/companies?limit=2").object()
        #expect(first.objects(key).count == 2)
        let next = first.object("paging").object("next")
        let after = try #require(next.string("after"))
        #expect(next.string("link")?.hasPrefix("http://sim.test/crm/v4/objects/contacts/1/associations/companies?") == true)
        var seen = first.objects(key).count
        var cursor: String? = after
        while let current = cursor {
            let page = try sim.send(.get, "/crm/v4/objects/contacts/1/associations/companies?limit=2&after=\(current.replacingOccurrences(of: "=", with: "%3D"))").object()
            seen += page.objects(key).count
            cursor = page.object("paging").object("next").string("after")
        }
        #expect(seen == 5)
    }

    /// The seed dialect's default page is 100, hubspot's 500.
    @Test func defaultPageSizes() throws {
        var seed = SimulatorHarness(.seed)
        var hubspot = SimulatorHarness(.hubspot)
        for id in 1...120 {
            _ = seed.send(.put, "/crm/v4/objects/contacts/1/associations/default/deals/\(id)")
            _ = hubspot.send(.put, "/crm/v4/objects/contacts/1/associations/default/deals/\(id)")
        }
        #expect(try seed.send(.get, "/crm/v4/objects/contacts/1/associations/deals").object().objects("to").count == 100)
        #expect(try hubspot.send(.get, "/crm/v4/objects/contacts/1/associations/deals").object().objects("results").count == 120)
    }

    /// Object types are case-insensitive and accept singular, plural and id spellings.
    @Test func pathSpellings() throws {
        var sim = SimulatorHarness(.seed)
        _ = sim.send(.put, "/crm/v4/objects/CONTACTS/1/associations/default/Company/2")
        for spelling in ["contacts", "contact", "0-1", "Contacts"] {
            let response = sim.send(.get, "/crm/v4/objects/\(spelling)/1/associations/0-2")
            #expect(try response.object().objects("to").count == 1, "spelling \(spelling)")
        }
    }

    /// Pairs the table lacks (custom objects) still associate through an invented unlabeled type.
    @Test func customObjectPairsGetDefaults() throws {
        var sim = SimulatorHarness(.hubspot)
        let created = sim.send(.put, "/crm/v4/objects/2-123/1/associations/default/contacts/9")
        #expect(created.status.code == 200)
        let reverse = try #require(try sim.send(.get, "/crm/v4/objects/contacts/9/associations/2-123").object().objects("results").first)
        #expect(reverse.int("toObjectId") == 1)
    }
}
