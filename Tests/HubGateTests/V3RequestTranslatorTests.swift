import HubSpotModel
import Testing

@testable import HubGate

/// v3 request bodies → v4 request bodies, and every validation failure before anything is sent.
struct V3RequestTranslatorTests {
    typealias F = TranslationFixture

    /// The v3 doc's `batch/create` example becomes v4 `batch/create` with contact → company primary (1).
    @Test func createDocExample() throws {
        let input = try F.request(V3.BatchInputPublicAssociation.self, """
            {"inputs": [{"from": {"id": "53628"}, "to": {"id": "12726"}, "type": "contact_to_company"}]}
            """)
        let v4 = try V3RequestTranslator().batchCreate(input, catalog: F.catalog(.contacts, .companies))
        #expect(try F.canonical(v4) == F.canonical("""
            {"inputs": [{"from": {"id": "53628"}, "to": {"id": "12726"},
                         "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}]}]}
            """))
    }

    /// The v3 doc's `batch/read` example becomes the spec's v4 `batch/read` body.
    @Test func readDocExample() throws {
        let input = try F.request(V3.BatchInputPublicObjectId.self, #"{"inputs": [{"id": "5790939450"}, {"id": "6108662573"}]}"#)
        let v4 = try V3RequestTranslator().batchRead(input)
        #expect(try F.canonical(v4) == F.canonical(#"{"inputs": [{"id": "5790939450"}, {"id": "6108662573"}]}"#))
    }

    /// The v3 doc's `batch/archive` example becomes `batch/labels/archive` removing only company → deal primary (6).
    @Test func archiveDocExample() throws {
        let input = try F.request(V3.BatchInputPublicAssociation.self, """
            {"inputs": [{"from": {"id": "5790939450"}, "to": {"id": "21678228008"}, "type": "company_to_deal"}]}
            """)
        let v4 = try V3RequestTranslator().batchArchive(input, catalog: F.catalog(.companies, .deals))
        #expect(try F.canonical(v4) == F.canonical("""
            {"inputs": [{"from": {"id": "5790939450"}, "to": {"id": "21678228008"},
                         "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 6}]}]}
            """))
    }

    /// Inputs for one pair of records merge into one v4 input, so v4's replace semantics cannot drop one.
    @Test func mergesInputsOfOnePair() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(name: "decision_maker", for: AssociationTypeKey(.userDefined, 30), source: .labelCreate)
        let input = V3.BatchInputPublicAssociation(inputs: [
            V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "2"), type: "contact_to_company"),
            V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "3"), type: "contact_to_company_unlabeled"),
            V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "2"), type: "decision_maker"),
            V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "2"), type: "CONTACT_TO_COMPANY"),
        ])
        let v4 = try V3RequestTranslator().batchCreate(input, catalog: catalog)
        #expect(v4.inputs.map(\.to.id) == ["2", "3"])
        #expect(v4.inputs[0].types.map(\.key) == [AssociationTypeKey(.hubSpotDefined, 1), AssociationTypeKey(.userDefined, 30)])
        #expect(v4.inputs[1].types.map(\.key) == [AssociationTypeKey(.hubSpotDefined, 279)])
    }

    /// With the pair's current types supplied, create writes them again beside the new type (v3 add semantics).
    @Test func createKeepsExistingTypes() throws {
        let existing = try F.response(V4.BatchAssociationResponse.self, """
            {"status": "COMPLETE", "results": [{"from": {"id": "53628"}, "to": [
               {"toObjectId": 12726, "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "label": null},
                                                          {"category": "USER_DEFINED", "typeId": 28, "label": "Billing contact"}]},
               {"toObjectId": 999, "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "label": null}]}]}],
             "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z"}
            """)
        let input = V3.BatchInputPublicAssociation(inputs: [V3.PublicAssociation(from: .init(id: "53628"), to: .init(id: "12726"), type: "contact_to_company")])
        let v4 = try V3RequestTranslator().batchCreate(input, catalog: F.catalog(.contacts, .companies), existing: existing)
        #expect(v4.inputs.count == 1)
        #expect(v4.inputs[0].types.map(\.key) == [
            AssociationTypeKey(.hubSpotDefined, 279), AssociationTypeKey(.userDefined, 28), AssociationTypeKey(.hubSpotDefined, 1),
        ])
    }

    /// A read input's `after` (an earlier answer's cursor for that record) goes to v4 with it; the
    /// same record at two cursors is two reads, and an empty cursor is refused.
    @Test func readCursorsGoUpstream() throws {
        let read = try F.request(V3.BatchInputPublicObjectId.self, #"{"inputs": [{"id": "9", "after": "NTAw"}, {"id": "9"}, {"id": "09", "after": "NTAw"}]}"#)
        let v4 = try V3RequestTranslator().batchRead(read)
        #expect(v4.inputs == [V4.FetchAssociationsInput(id: "9", after: "NTAw"), V4.FetchAssociationsInput(id: "9")])
        let empty = try F.request(V3.BatchInputPublicObjectId.self, #"{"inputs": [{"id": "9", "after": ""}]}"#)
        #expect(throws: TranslationError.self) { try V3RequestTranslator().batchRead(empty) }
    }

    /// Ids sent as JSON integers or with leading zeros are written canonically as strings; read ids are de-duplicated.
    @Test func canonicalisesIDs() throws {
        let read = try F.request(V3.BatchInputPublicObjectId.self, #"{"inputs": [{"id": 5790939450}, {"id": "005790939450"}, {"id": "7"}]}"#)
        #expect(try V3RequestTranslator().batchRead(read).inputs.map(\.id) == ["5790939450", "7"])
        let create = try F.request(V3.BatchInputPublicAssociation.self, #"{"inputs": [{"from": {"id": 1}, "to": {"id": "02"}, "type": "deal_to_contact"}]}"#)
        let v4 = try V3RequestTranslator().batchCreate(create, catalog: F.catalog(.deals, .contacts))
        #expect(v4.inputs[0].from.id == "1")
        #expect(v4.inputs[0].to.id == "2")
    }

    /// One bad body or value and the 400 error it becomes.
    struct Invalid: Sendable, CustomTestStringConvertible {
        let endpoint: String
        let body: String
        let error: TranslationError
        var testDescription: String { "\(endpoint) \(error.shortDescription): \(body.prefix(60))" }
    }

    /// Every validation failure of every endpoint is a 400 VALIDATION_ERROR before anything is sent.
    @Test(arguments: [
        Invalid(endpoint: "create", body: "not json", error: .invalidJSON),
        Invalid(endpoint: "create", body: #"{"inputs": [}"#, error: .invalidJSON),
        Invalid(endpoint: "create", body: "[]", error: .wrongType("", expected: "an object")),
        Invalid(endpoint: "create", body: "null", error: .wrongType("", expected: "an object")),
        Invalid(endpoint: "read", body: "null", error: .wrongType("", expected: "an object")),
        Invalid(endpoint: "create", body: "{}", error: .missingField("inputs")),
        Invalid(endpoint: "create", body: #"{"inputs": null}"#, error: .missingField("inputs")),
        Invalid(endpoint: "create", body: #"{"inputs": {}}"#, error: .wrongType("inputs", expected: "an array")),
        Invalid(endpoint: "create", body: #"{"inputs": []}"#, error: .emptyInputs),
        Invalid(endpoint: "create", body: #"{"inputs": [{"to": {"id": "2"}, "type": "contact_to_company"}]}"#, error: .missingField("inputs[0].from")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {}, "to": {"id": "2"}, "type": "contact_to_company"}]}"#, error: .missingField("inputs[0].from.id")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": "1", "to": {"id": "2"}, "type": "contact_to_company"}]}"#, error: .wrongType("inputs[0].from", expected: "an object")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": true}, "to": {"id": "2"}, "type": "contact_to_company"}]}"#, error: .wrongType("inputs[0].from.id", expected: "a string")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}}]}"#, error: .missingField("inputs[0].type")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "type": 1}]}"#, error: .wrongType("inputs[0].type", expected: "a string")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "abc"}, "to": {"id": "2"}, "type": "contact_to_company"}]}"#, error: .invalidObjectID("inputs[0].from.id", value: "abc")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "-2"}, "type": "contact_to_company"}]}"#, error: .invalidObjectID("inputs[0].to.id", value: "-2")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": ""}, "type": "contact_to_company"}]}"#, error: .invalidObjectID("inputs[0].to.id", value: "")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "99999999999999999999"}, "to": {"id": "2"}, "type": "contact_to_company"}]}"#, error: .invalidObjectID("inputs[0].from.id", value: "99999999999999999999")),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "type": "decision_maker"}]}"#, error: .unknownAssociationType("decision_maker", from: ObjectType(.contacts), to: ObjectType(.companies))),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "type": "company_to_contact"}]}"#, error: .unknownAssociationType("company_to_contact", from: ObjectType(.contacts), to: ObjectType(.companies))),
        Invalid(endpoint: "create", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "type": "contact_to_company"}, {"from": {"id": "1"}, "to": {"id": "3"}, "type": "contact_to_company"}, {"from": {"id": "1"}, "to": {"id": "4"}, "type": "contact_to_company"}]}"#, error: .tooManyInputs(count: 3, limit: 2)),
        Invalid(endpoint: "read", body: #"{"inputs": []}"#, error: .emptyInputs),
        Invalid(endpoint: "read", body: #"{"inputs": [{"id": "1"}, {"id": "2"}, {"id": "3"}, {"id": "4"}]}"#, error: .tooManyInputs(count: 4, limit: 3)),
        Invalid(endpoint: "read", body: #"{"inputs": [{"id": "1"}, {"id": "x1"}]}"#, error: .invalidObjectID("inputs[1].id", value: "x1")),
        Invalid(endpoint: "read", body: #"{"inputs": [{"id": 1.5}]}"#, error: .wrongType("inputs[0].id", expected: "a string")),
        Invalid(endpoint: "read", body: #"{"inputs": [{}]}"#, error: .missingField("inputs[0].id")),
        Invalid(endpoint: "read", body: #"{"inputs": ["1"]}"#, error: .wrongType("inputs[0]", expected: "an object")),
        Invalid(endpoint: "archive", body: #"{"inputs": []}"#, error: .emptyInputs),
        Invalid(endpoint: "archive", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "type": "primary"}]}"#, error: .unknownAssociationType("primary", from: ObjectType(.contacts), to: ObjectType(.companies))),
        Invalid(endpoint: "archive", body: #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "type": "contact_to_company"}, {"from": {"id": "1"}, "to": {"id": "3"}, "type": "contact_to_company"}, {"from": {"id": "1"}, "to": {"id": "4"}, "type": "contact_to_company"}, {"from": {"id": "1"}, "to": {"id": "5"}, "type": "contact_to_company"}, {"from": {"id": "1"}, "to": {"id": "6"}, "type": "contact_to_company"}]}"#, error: .tooManyInputs(count: 5, limit: 4)),
    ])
    func rejectsInvalidInput(_ invalid: Invalid) {
        let translator = V3RequestTranslator(limits: V3BatchLimits(maxReadInputs: 3, maxCreateInputs: 2, maxArchiveInputs: 4))
        let catalog = F.catalog(.contacts, .companies)
        #expect(throws: invalid.error) {
            switch invalid.endpoint {
            case "read":
                _ = try translator.batchRead(try F.request(V3.BatchInputPublicObjectId.self, invalid.body))
            case "create":
                _ = try translator.batchCreate(try F.request(V3.BatchInputPublicAssociation.self, invalid.body), catalog: catalog)
            default:
                _ = try translator.batchArchive(try F.request(V3.BatchInputPublicAssociation.self, invalid.body), catalog: catalog)
            }
        }
        #expect(invalid.error.statusCode == 400)
        #expect(invalid.error.category == HubSpotErrorCategory.validation)
    }

    /// HubSpot's limits are the defaults: 1,000 reads and 2,000 creates pass, one more fails.
    @Test func defaultLimitsAreHubSpots() throws {
        let translator = V3RequestTranslator()
        let reads = V3.BatchInputPublicObjectId(inputs: (1...1_001).map { V3.PublicObjectId(id: String($0)) })
        #expect(throws: TranslationError.tooManyInputs(count: 1_001, limit: 1_000)) { try translator.batchRead(reads) }
        #expect(try translator.batchRead(V3.BatchInputPublicObjectId(inputs: Array(reads.inputs.prefix(1_000)))).inputs.count == 1_000)
        let creates = V3.BatchInputPublicAssociation(inputs: (1...2_001).map {
            V3.PublicAssociation(from: .init(id: "1"), to: .init(id: String($0)), type: "contact_to_company")
        })
        let catalog = F.catalog(.contacts, .companies)
        #expect(throws: TranslationError.tooManyInputs(count: 2_001, limit: 2_000)) { try translator.batchCreate(creates, catalog: catalog) }
        #expect(try translator.batchCreate(V3.BatchInputPublicAssociation(inputs: Array(creates.inputs.prefix(2_000))), catalog: catalog).inputs.count == 2_000)
    }

    /// A validation error's body is HubSpot-shaped and names the offending field.
    @Test func errorBodyIsHubSpotShaped() throws {
        let body = TranslationError.invalidObjectID("inputs[0].from.id", value: "abc").errorBody(correlationID: "c0ffee00-0000-4000-8000-000000000000")
        #expect(try F.canonical(body) == F.canonical("""
            {"status": "error", "message": "Object ids must be numeric; 'inputs[0].from.id' is 'abc'.",
             "correlationId": "c0ffee00-0000-4000-8000-000000000000", "category": "VALIDATION_ERROR",
             "context": {"inputs[0].from.id": ["abc"]}}
            """))
    }
}
