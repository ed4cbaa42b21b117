import HubSpotModel
import Testing

@testable import HubGate

/// v4 answers in both upstream vocabularies → v3 answers with v3's exact status codes.
struct V3ResponseTranslatorTests {
    typealias F = TranslationFixture

    /// The v4 guide's batch/read example (HubSpot vocabulary, numeric ids): Primary, unlabeled and a custom label.
    static let hubSpotRead = """
        {"status": "COMPLETE",
         "results": [{"from": {"id": "33451"},
                      "to": [{"toObjectId": 5790939450,
                              "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"},
                                                   {"category": "HUBSPOT_DEFINED", "typeId": 279, "label": null},
                                                   {"category": "USER_DEFINED", "typeId": 28, "label": "Billing contact"}]},
                             {"toObjectId": 6108662573,
                              "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "label": null}]}]}],
         "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z"}
        """

    /// The same associations in the seed vocabulary (string ids, `associationCategory`/`associationTypeId`, label omitted when null).
    static let seedRead = """
        {"status": "COMPLETE",
         "results": [{"from": {"id": "33451"},
                      "to": [{"toObjectId": "5790939450",
                              "associationTypes": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1, "label": "Primary"},
                                                   {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279},
                                                   {"associationCategory": "USER_DEFINED", "associationTypeId": 28, "label": "Billing contact"}]},
                             {"toObjectId": "6108662573",
                              "associationTypes": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}]}]}],
         "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z"}
        """

    /// contact → company catalog that knows label 28 as `billing_contact`.
    static var contactCompanyCatalog: AssociationTypeCatalog {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(name: "billing_contact", for: AssociationTypeKey(.userDefined, 28), source: .labelCreate)
        return catalog
    }

    /// Both vocabularies, read with "all": one `{id, type}` per record and type, 200, envelope passed through.
    @Test(arguments: [hubSpotRead, seedRead])
    func readListsEveryTypeOfEveryRecord(_ v4: String) throws {
        let answer = V3ResponseTranslator(companyReads: .all).batchRead(try F.response(V4.BatchAssociationResponse.self, v4), catalog: Self.contactCompanyCatalog)
        #expect(answer.statusCode == 200)
        #expect(answer.unknownTypeKeys.isEmpty)
        #expect(try F.canonical(answer.body) == F.canonical("""
            {"status": "COMPLETE",
             "results": [{"from": {"id": "33451"},
                          "to": [{"id": "5790939450", "type": "contact_to_company"},
                                 {"id": "5790939450", "type": "contact_to_company_unlabeled"},
                                 {"id": "5790939450", "type": "billing_contact"},
                                 {"id": "6108662573", "type": "contact_to_company_unlabeled"}]}],
             "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z"}
            """))
    }

    /// Both vocabularies, read toward companies by default: only the primary company, with all its types.
    @Test(arguments: [hubSpotRead, seedRead])
    func readTowardCompaniesKeepsOnlyThePrimary(_ v4: String) throws {
        let answer = V3ResponseTranslator().batchRead(try F.response(V4.BatchAssociationResponse.self, v4), catalog: Self.contactCompanyCatalog)
        #expect(answer.body.results[0].to == [
            V3.AssociatedId(id: "5790939450", type: "contact_to_company"),
            V3.AssociatedId(id: "5790939450", type: "contact_to_company_unlabeled"),
            V3.AssociatedId(id: "5790939450", type: "billing_contact"),
        ])
    }

    /// The primary-only rule applies only toward companies and only where the pair has a primary type.
    @Test(arguments: [
        (StandardObject.contacts, StandardObject.deals, 4, 2),
        (StandardObject.companies, StandardObject.companies, 450, 2),
        (StandardObject.deals, StandardObject.companies, 341, 1),
    ])
    func primaryRuleScope(from: StandardObject, to: StandardObject, unlabeledID: Int, expectedRecords: Int) throws {
        let primary = from == .deals ? [V4.AssociationType(associationCategory: .hubSpotDefined, associationTypeId: 5)] : []
        let v4 = V4.BatchAssociationResponse(results: [V4.AssociationResult(from: .init(id: "1"), to: [
            V4.Association(toObjectId: "10", associationTypes: primary + [V4.AssociationType(associationCategory: .hubSpotDefined, associationTypeId: unlabeledID)]),
            V4.Association(toObjectId: "11", associationTypes: [V4.AssociationType(associationCategory: .hubSpotDefined, associationTypeId: unlabeledID)]),
        ])], startedAt: "a", completedAt: "b")
        let answer = V3ResponseTranslator().batchRead(v4, catalog: F.catalog(from, to))
        #expect(Set(answer.body.results[0].to.map(\.id)).count == expectedRecords)
    }

    /// HubSpot's 207 with NO_ASSOCIATIONS_FOUND passes through as a v3 207 with numErrors and every required error field.
    @Test func readPassesNoAssociationsFoundThrough() throws {
        let v4 = try F.response(V4.BatchAssociationResponse.self, """
            {"status": "COMPLETE", "results": [],
             "numErrors": 1,
             "errors": [{"status": "error", "category": "OBJECT_NOT_FOUND", "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND",
                         "message": "No company is associated with deal 515690208449.",
                         "context": {"fromObjectId": ["515690208449"], "fromObjectType": ["deal"], "toObjectType": ["company"]}}],
             "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z"}
            """)
        let answer = V3ResponseTranslator().batchRead(v4, catalog: F.catalog(.deals, .companies))
        #expect(answer.statusCode == 207)
        #expect(try F.canonical(answer.body) == F.canonical("""
            {"status": "COMPLETE", "results": [], "numErrors": 1,
             "errors": [{"status": "error", "category": "OBJECT_NOT_FOUND", "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND",
                         "message": "No company is associated with deal 515690208449.",
                         "context": {"fromObjectId": ["515690208449"], "fromObjectType": ["deal"], "toObjectType": ["company"]},
                         "links": {}, "errors": []}],
             "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z"}
            """))
    }

    /// The seed dialect's lonely record (`to: []`, 200) stays a 200 result with an empty `to`.
    @Test func readKeepsSeedEmptyResult() throws {
        let v4 = try F.response(V4.BatchAssociationResponse.self, """
            {"status": "COMPLETE", "results": [{"from": {"id": "7"}, "to": []}], "startedAt": "s", "completedAt": "c"}
            """)
        let answer = V3ResponseTranslator().batchRead(v4, catalog: F.catalog(.contacts, .companies))
        #expect(answer.statusCode == 200)
        #expect(answer.body.results == [V3.PublicAssociationMulti(from: .init(id: "7"), to: [])])
        #expect(answer.body.numErrors == nil && answer.body.errors == nil)
    }

    /// A per-record cursor is kept (without v4's link); types the catalog lacks get derived names and are reported.
    @Test func readKeepsCursorAndReportsUnknownTypes() throws {
        let v4 = try F.response(V4.BatchAssociationResponse.self, """
            {"status": "COMPLETE", "results": [{"from": {"id": "1"},
               "to": [{"toObjectId": 2, "associationTypes": [{"category": "USER_DEFINED", "typeId": 77, "label": "New"}]}],
               "paging": {"next": {"after": "MC0yLTc1MDI%3D", "link": "http://x/y"}}}],
             "startedAt": "s", "completedAt": "c"}
            """)
        let answer = V3ResponseTranslator().batchRead(v4, catalog: F.catalog(.contacts, .deals))
        #expect(answer.body.results[0].to == [V3.AssociatedId(id: "2", type: "user_defined_77")])
        #expect(answer.body.results[0].paging == V4.Paging(next: .init(after: "MC0yLTc1MDI%3D")))
        #expect(answer.unknownTypeKeys == [AssociationTypeKey(.userDefined, 77)])
    }

    /// HubSpot's batch/create 201 (`LabelsBetweenObjectPair`, numeric ids) → v3 201 rebuilt from the request.
    @Test func createFromHubSpotAnswer() throws {
        let request = V3.BatchInputPublicAssociation(inputs: [V3.PublicAssociation(from: .init(id: "53628"), to: .init(id: "12726"), type: "contact_to_company")])
        let v4 = try F.response(V4.BatchResponseLabelsBetweenObjectPair.self, """
            {"status": "COMPLETE", "results": [{"fromObjectTypeId": "0-1", "fromObjectId": 53628, "toObjectTypeId": "0-2", "toObjectId": 12726, "labels": ["Primary"]}],
             "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z"}
            """)
        let answer = V3ResponseTranslator().batchCreate(v4, request: request, catalog: F.catalog(.contacts, .companies))
        #expect(answer.statusCode == 201)
        #expect(try F.canonical(answer.body) == F.canonical("""
            {"status": "COMPLETE", "results": [{"from": {"id": "53628"}, "to": {"id": "12726"}, "type": "contact_to_company"}],
             "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z"}
            """))
    }

    /// The seed dialect's batch/create (200, `AssociationResult` per input) is also a v3 201.
    @Test func createFromSeedAnswer() throws {
        let request = V3.BatchInputPublicAssociation(inputs: [V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "2"), type: "DEAL_TO_CONTACT")])
        let v4 = try F.response(V4.BatchResponseLabelsBetweenObjectPair.self, """
            {"status": "COMPLETE", "results": [{"from": {"id": "1"}, "to": [{"toObjectId": "2", "associationTypes": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]}]}],
             "startedAt": "s", "completedAt": "c"}
            """)
        let answer = V3ResponseTranslator().batchCreate(v4, request: request, catalog: F.catalog(.deals, .contacts))
        #expect(answer.statusCode == 201)
        #expect(answer.body.results == [V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "2"), type: "deal_to_contact")])
    }

    /// A partial failure (HubSpot 207, or seed 200 with errors) is a v3 207 listing only created inputs, with the errors.
    @Test(arguments: [
        #"{"fromObjectTypeId": "0-1", "fromObjectId": 1, "toObjectTypeId": "0-2", "toObjectId": 2, "labels": []}"#,
        #"{"from": {"id": "1"}, "to": [{"toObjectId": "2", "associationTypes": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}]}]}"#,
    ])
    func createPartialFailureIs207(_ result: String) throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: V4.AssociationLabelCollection(results: [V4.AssociationLabel(typeId: 3, label: "Gone", category: .userDefined)]))
        let request = V3.BatchInputPublicAssociation(inputs: [
            V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "2"), type: "contact_to_company_unlabeled"),
            V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "3"), type: "user_defined_3"),
        ])
        let v4 = try F.response(V4.BatchResponseLabelsBetweenObjectPair.self, """
            {"status": "COMPLETE", "results": [\(result)], "numErrors": 1,
             "errors": [{"status": "error", "category": "VALIDATION_ERROR", "message": "One or more associations are invalid",
                         "context": {"associationSpec": ["USER_DEFINED=3"], "INVALID_ASSOCIATION_TYPE_ID": ["USER_DEFINED=3 is not a valid association definition id"]},
                         "errors": [], "links": {}}],
             "startedAt": "s", "completedAt": "c"}
            """)
        let answer = V3ResponseTranslator().batchCreate(v4, request: request, catalog: catalog)
        #expect(answer.statusCode == 207)
        #expect(answer.body.results == [V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "2"), type: "contact_to_company_unlabeled")])
        #expect(answer.body.numErrors == 1)
        #expect(answer.body.errors?.first?.context["type"] == ["user_defined_3"])
        #expect(answer.body.errors?.first?.context["associationSpec"] == ["USER_DEFINED=3"])
    }

    /// The v3 types answer lists the catalog as `{id: "<typeId>", name}`, 200, like the v3 doc's example.
    @Test func typesFromCatalog() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(name: "decision_maker", for: AssociationTypeKey(.userDefined, 30), source: .definition)
        let answer = V3ResponseTranslator().types(catalog: catalog)
        #expect(answer.statusCode == 200)
        #expect(try F.canonical(answer.body) == F.canonical("""
            {"results": [{"id": "1", "name": "contact_to_company"}, {"id": "279", "name": "contact_to_company_unlabeled"},
                         {"id": "30", "name": "decision_maker"}]}
            """))
    }

    /// The v3 doc's types example (custom labels `franchise_owner_franchise_location` 136 and `manager` 26) comes out of a catalog fed by definitions.
    @Test func typesDocExample() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(definitions: try F.response(V4.AssociationDefinitionCollection.self, """
            {"results": [
              {"id": "136", "fromObjectTypeId": "0-1", "toObjectTypeId": "0-2", "name": "franchise_owner_franchise_location", "label": "Franchise owner", "category": "USER_DEFINED"},
              {"id": 26, "fromObjectTypeId": "contacts", "toObjectTypeId": "COMPANIES", "name": "manager", "label": "Manager", "category": "USER_DEFINED"}]}
            """))
        let results = V3ResponseTranslator().types(catalog: catalog).body.results
        for example in [("136", "franchise_owner_franchise_location"), ("26", "manager"), ("1", "contact_to_company")] {
            #expect(results.contains(V3.PublicAssociationDefinition(id: example.0, name: example.1)))
        }
    }

    /// v3 batch/archive always answers 204 without a body.
    @Test func archiveIs204() {
        #expect(V3ResponseTranslator.batchArchiveStatusCode == 204)
    }

    /// An unreadable upstream answer is a 502, not a crash or a guess.
    @Test(arguments: [
        #"{"results": []}"#,
        #"{"status": "COMPLETE", "results": [{"from": {"id": "1"}, "to": [{"toObjectId": "2", "associationTypes": [{"typeId": 1}]}]}], "startedAt": "s", "completedAt": "c"}"#,
        "<html>",
    ])
    func unreadableUpstreamIs502(_ body: String) {
        let error = #expect(throws: TranslationError.self) {
            _ = try F.response(V4.BatchAssociationResponse.self, body)
        }
        #expect(error?.statusCode == 502)
        #expect(error?.category == "BAD_GATEWAY")
    }
}
