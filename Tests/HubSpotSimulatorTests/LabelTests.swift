import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// Association labels: seeded HubSpot-defined types, user labels, their limits and immutability.
struct LabelTests {
    /// Every standard pair lists its HubSpot-defined types; seed adds no paging, label null for unlabeled.
    @Test(arguments: SimulatorDialect.allCases)
    func seededLabels(dialect: SimulatorDialect) throws {
        var sim = SimulatorHarness(dialect)
        let response = sim.send(.get, "/crm/v4/associations/contacts/companies/labels")
        #expect(response.status.code == 200)
        let body = try response.object()
        #expect(body["paging"] == nil)
        let results = body.objects("results")
        #expect(results.map { $0.int("typeId") } == [1, 279])
        #expect(results.first?.string("label") == "Primary")
        #expect(results.last?["label"] is NSNull)
        #expect(results.allSatisfy { $0.string("category") == "HUBSPOT_DEFINED" })
    }

    /// A paired label creates two types, one per direction; hubspot answers `{results: [both]}`.
    @Test func pairedLabelHubSpot() throws {
        var sim = SimulatorHarness(.hubspot)
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"Manager","name":"manager","inverseLabel":"Employee"}"#)
        #expect(response.status.code == 200)
        let created = try response.object().objects("results")
        #expect(created.map { $0.int("typeId") } == [100, 101])
        #expect(created.map { $0.string("label") } == ["Manager", "Employee"])
        #expect(created.allSatisfy { $0.string("category") == "USER_DEFINED" })
        let reverse = try sim.send(.get, "/crm/v4/associations/companies/contacts/labels").object().objects("results")
        #expect(reverse.last?.int("typeId") == 101)
        #expect(reverse.last?.string("label") == "Employee")
    }

    /// Seed label create answers the one new `{typeId, label, category}`.
    @Test func seedLabelCreate() throws {
        var sim = SimulatorHarness(.seed)
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"Billing contact","name":"billing_contact"}"#)
        #expect(response.status.code == 200)
        let body = try response.object()
        #expect(body.int("typeId") == 100)
        #expect(body.string("label") == "Billing contact")
        #expect(body.string("category") == "USER_DEFINED")
    }

    /// Associating with a paired label writes the inverse label on the other record.
    @Test func pairedLabelInverseAssociation() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"Manager","name":"manager","inverseLabel":"Employee"}"#)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", #"[{"associationCategory":"USER_DEFINED","associationTypeId":100}]"#)
        let reverse = try #require(try sim.send(.get, "/crm/v4/objects/companies/2/associations/contacts").object().objects("results").first)
        let types = reverse.objects("associationTypes")
        #expect(types.map { $0.int("typeId") } == [280, 101])
        #expect(types.last?.string("label") == "Employee")
    }

    /// An unpaired label shows only the unlabeled type in the inverse direction.
    @Test func unpairedLabelInverseIsUnlabeled() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"Billing","name":"billing"}"#)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", #"[{"associationCategory":"USER_DEFINED","associationTypeId":100}]"#)
        let reverse = try #require(try sim.send(.get, "/crm/v4/objects/companies/2/associations/contacts").object().objects("results").first)
        #expect(reverse.objects("associationTypes").map { $0.int("typeId") } == [280])
        let forward = try #require(try sim.send(.get, "/crm/v4/objects/contacts/1/associations/companies").object().objects("results").first)
        #expect(forward.objects("associationTypes").map { $0.int("typeId") } == [279, 100])
    }

    /// At most ten user labels per pair (both directions together); the eleventh is a 400.
    @Test func labelLimitPerPair() throws {
        var sim = SimulatorHarness(.hubspot)
        for index in 0..<10 {
            let target = index.isMultiple(of: 2) ? "contacts/companies" : "companies/contacts"
            #expect(sim.send(.post, "/crm/v4/associations/\(target)/labels", #"{"label":"L\#(index)","name":"l\#(index)"}"#).status.code == 200)
        }
        let refused = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"L10","name":"l10"}"#)
        #expect(refused.status.code == 400)
        #expect(try refused.object().string("category") == "VALIDATION_ERROR")
        #expect(sim.send(.post, "/crm/v4/associations/contacts/deals/labels", #"{"label":"Other","name":"other"}"#).status.code == 200)
    }

    /// Names must be unique per pair, hyphen-free and not start with a digit.
    @Test(arguments: ["bad-name", "1abc", ""])
    func invalidNames(name: String) {
        var sim = SimulatorHarness(.hubspot)
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"X","name":"\#(name)"}"#).status.code == 400)
    }

    /// A duplicate name on the same pair is refused, a HubSpot-defined type's name included.
    @Test func duplicateName() {
        var sim = SimulatorHarness(.hubspot)
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"A","name":"same"}"#).status.code == 200)
        #expect(sim.send(.post, "/crm/v4/associations/companies/contacts/labels", #"{"label":"B","name":"same"}"#).status.code == 400)
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"C","name":"contact_to_company_unlabeled"}"#).status.code == 400)
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"D","name":"company_to_contact"}"#).status.code == 400)
    }

    /// HubSpot-defined types cannot be updated or deleted (400); unknown ids are 404.
    @Test func hubSpotDefinedAreImmutable() throws {
        var sim = SimulatorHarness(.seed)
        #expect(sim.send(.put, "/crm/v4/associations/contacts/companies/labels/1", #"{"label":"Main"}"#).status.code == 400)
        #expect(sim.send(.delete, "/crm/v4/associations/contacts/companies/labels/279").status.code == 400)
        let unknown = sim.send(.delete, "/crm/v4/associations/contacts/companies/labels/4242")
        #expect(unknown.status.code == 404)
        #expect(try unknown.object().string("category") == "OBJECT_NOT_FOUND")
    }

    /// Both update forms answer 204 and change the display label (and the inverse label).
    @Test func updateBothForms() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"Manager","name":"manager","inverseLabel":"Employee"}"#)
        #expect(sim.send(.put, "/crm/v4/associations/contacts/companies/labels/100", #"{"label":"Boss","name":"manager"}"#).status.code == 204)
        #expect(sim.send(.put, "/crm/v4/associations/contacts/companies/labels", #"{"associationTypeId":100,"label":"Chief","inverseLabel":"Staff"}"#).status.code == 204)
        let forward = try sim.send(.get, "/crm/v4/associations/contacts/companies/labels").object().objects("results")
        #expect(forward.last?.string("label") == "Chief")
        let reverse = try sim.send(.get, "/crm/v4/associations/companies/contacts/labels").object().objects("results")
        #expect(reverse.last?.string("label") == "Staff")
    }

    /// A label in use cannot be deleted; once unused it can (both types go).
    @Test func deleteInUseRefused() throws {
        var sim = SimulatorHarness(.hubspot)
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"Manager","name":"manager","inverseLabel":"Employee"}"#)
        _ = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", #"[{"associationCategory":"USER_DEFINED","associationTypeId":100}]"#)
        #expect(sim.send(.delete, "/crm/v4/associations/companies/contacts/labels/101").status.code == 400)
        _ = sim.send(.delete, "/crm/v4/objects/contacts/1/associations/companies/2")
        #expect(sim.send(.delete, "/crm/v4/associations/companies/contacts/labels/101").status.code == 204)
        #expect(try sim.send(.get, "/crm/v4/associations/contacts/companies/labels").object().objects("results").count == 2)
    }

    /// Definitions list every HubSpot-defined type plus user labels, with names and inverse labels, paged.
    @Test(arguments: SimulatorDialect.allCases)
    func definitions(dialect: SimulatorDialect) throws {
        var sim = SimulatorHarness(dialect)
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/labels", #"{"label":"Manager","name":"manager","inverseLabel":"Employee"}"#)
        var all: [[String: Any]] = []
        var target: String? = "/crm/v4/associations/definitions?limit=50"
        while let current = target {
            let page = try sim.send(.get, current).object()
            all += page.objects("results")
            target = page.object("paging").object("next").string("after").map { "/crm/v4/associations/definitions?limit=50&after=\($0)" }
        }
        let primary = try #require(all.first { $0.string("id") == "1" && $0.string("category") == "HUBSPOT_DEFINED" })
        #expect(primary.string("name") == "contact_to_company")
        #expect(primary.string("fromObjectTypeId") == "0-1")
        #expect(primary.string("toObjectTypeId") == "0-2")
        #expect(primary.string("inverseLabel") == "Contact with Primary Company")
        let user = try #require(all.first { $0.string("id") == "100" })
        #expect(user.string("name") == "manager")
        #expect(user.string("inverseLabel") == "Employee")
        #expect(all.count > 80)
    }
}
