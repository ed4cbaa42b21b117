import Foundation
import HTTPTypes
import HubGate
import HubSpotModel
import HubSpotSimulator
import Testing

/// The pure v3 translation against the simulator's engine (no sockets), in both dialects: the v4
/// requests it builds are accepted, and the engine's real answers translate back to v3.
struct V3TranslationEngineTests {
    /// A simulator with the default token, in one dialect.
    struct Upstream {
        let control: SimulatorControl

        init(dialect: SimulatorDialect) {
            var configuration = SimulatorConfiguration()
            configuration.dialect = dialect
            control = SimulatorControl(configuration: configuration)
        }

        /// One call: status code and body bytes.
        func call(_ method: HTTPRequest.Method, _ target: String, _ body: some Encodable) throws -> (status: Int, body: [UInt8]) {
            try call(method, target, bytes: TranslationJSON.encode(body))
        }

        /// One call without a body.
        func call(_ method: HTTPRequest.Method, _ target: String, bytes: [UInt8] = []) -> (status: Int, body: [UInt8]) {
            var headers = HTTPFields()
            headers[.authorization] = "Bearer sim-token"
            headers[.contentType] = "application/json"
            let response = control.respond(to: SimulatorRequest(method: method, target: target, headers: headers, body: bytes))
            return (response.status.code, response.body)
        }
    }

    static let contacts = ObjectType(.contacts)
    static let companies = ObjectType(.companies)

    /// Learns the pair's catalog the way the gateway will: labels, definitions and the label it created.
    static func catalog(_ upstream: Upstream, created: V4.CreateLabelInput, createResponse: V4.AssociationLabelCollection) throws -> AssociationTypeCatalog {
        var catalog = AssociationTypeCatalog(from: contacts, to: companies)
        let labels = upstream.call(.get, "/crm/v4/associations/contacts/companies/labels")
        catalog.learn(labels: try TranslationJSON.decodeResponse(V4.AssociationLabelCollection.self, from: labels.body))
        catalog.learn(createdLabel: created, response: createResponse, createdFrom: contacts, createdTo: companies)
        return catalog
    }

    /// Create, read (primary only and all), types and archive through v3, in each dialect.
    @Test(arguments: [SimulatorDialect.seed, .hubspot])
    func v3RoundTrip(dialect: SimulatorDialect) throws {
        let upstream = Upstream(dialect: dialect)
        let label = V4.CreateLabelInput(label: "Decision maker", name: "decision_maker", inverseLabel: "Decided by")
        let created = try upstream.call(.post, "/crm/v4/associations/contacts/companies/labels", label)
        #expect(created.status == 200)
        let createdLabels = try TranslationJSON.decodeResponse(V4.AssociationLabelCollection.self, from: created.body)
        var catalog = try Self.catalog(upstream, created: label, createResponse: createdLabels)
        let decisionMaker = try catalog.key(forV3Name: "decision_maker")
        #expect(decisionMaker.category == .userDefined)

        // The definitions endpoint names the same type.
        var fromDefinitions = AssociationTypeCatalog(from: Self.contacts, to: Self.companies)
        let definitions = upstream.call(.get, "/crm/v4/associations/definitions?limit=500")
        fromDefinitions.learn(definitions: try TranslationJSON.decodeResponse(V4.AssociationDefinitionCollection.self, from: definitions.body))
        #expect(try fromDefinitions.key(forV3Name: "decision_maker") == decisionMaker)
        catalog.learn(definitions: try TranslationJSON.decodeResponse(V4.AssociationDefinitionCollection.self, from: definitions.body))

        // v3 create → v4 batch/create → v3 201.
        let requests = V3RequestTranslator()
        let v3Create = try TranslationJSON.decodeRequest(V3.BatchInputPublicAssociation.self, from: Array("""
            {"inputs": [{"from": {"id": "1"}, "to": {"id": "10"}, "type": "contact_to_company"},
                        {"from": {"id": "1"}, "to": {"id": "11"}, "type": "decision_maker"},
                        {"from": {"id": "2"}, "to": {"id": "10"}, "type": "contact_to_company_unlabeled"}]}
            """.utf8))
        let createAnswer = try upstream.call(.post, "/crm/v4/associations/contacts/companies/batch/create", requests.batchCreate(v3Create, catalog: catalog))
        let v3Created = V3ResponseTranslator().batchCreate(
            try TranslationJSON.decodeResponse(V4.BatchResponseLabelsBetweenObjectPair.self, from: createAnswer.body), request: v3Create, catalog: catalog)
        #expect(v3Created.statusCode == 201)
        #expect(v3Created.body.results == v3Create.inputs)

        // v3 read → v4 batch/read → v3, primary only and all.
        let v3Read = V3.BatchInputPublicObjectId(inputs: [.init(id: "1"), .init(id: "2"), .init(id: "3")])
        let readAnswer = try upstream.call(.post, "/crm/v4/associations/contacts/companies/batch/read", requests.batchRead(v3Read))
        let v4Read = try TranslationJSON.decodeResponse(V4.BatchAssociationResponse.self, from: readAnswer.body)
        let primaryOnly = V3ResponseTranslator().batchRead(v4Read, catalog: catalog)
        let all = V3ResponseTranslator(companyReads: .all).batchRead(v4Read, catalog: catalog)
        let contact1 = try #require(primaryOnly.body.results.first { $0.from.id == "1" })
        #expect(Set(contact1.to) == [V3.AssociatedId(id: "10", type: "contact_to_company"), V3.AssociatedId(id: "10", type: "contact_to_company_unlabeled")])
        #expect(primaryOnly.body.results.first { $0.from.id == "2" }?.to == [])
        let contact1All = try #require(all.body.results.first { $0.from.id == "1" })
        #expect(Set(contact1All.to).isSuperset(of: [V3.AssociatedId(id: "11", type: "decision_maker"), V3.AssociatedId(id: "11", type: "contact_to_company_unlabeled")]))
        #expect(all.unknownTypeKeys.isEmpty)
        switch dialect {
        case .seed:
            #expect(primaryOnly.statusCode == 200)
            #expect(primaryOnly.body.results.first { $0.from.id == "3" }?.to == [])
        case .hubspot:
            #expect(primaryOnly.statusCode == 207)
            #expect(primaryOnly.body.errors?.first?.subCategory == "crm.associations.NO_ASSOCIATIONS_FOUND")
            #expect(primaryOnly.body.numErrors == 1)
        }

        // v3 types lists the label by name.
        let types = V3ResponseTranslator().types(catalog: catalog)
        #expect(types.body.results.contains(V3.PublicAssociationDefinition(id: String(decisionMaker.typeID), name: "decision_maker")))

        // v3 archive of one type → batch/labels/archive → 204; the pair's other types stay.
        let v3Archive = V3.BatchInputPublicAssociation(inputs: [V3.PublicAssociation(from: .init(id: "1"), to: .init(id: "11"), type: "decision_maker")])
        let archiveAnswer = try upstream.call(.post, "/crm/v4/associations/contacts/companies/batch/labels/archive", requests.batchArchive(v3Archive, catalog: catalog))
        #expect(archiveAnswer.status == V3ResponseTranslator.batchArchiveStatusCode)
        let reread = try upstream.call(.post, "/crm/v4/associations/contacts/companies/batch/read", requests.batchRead(V3.BatchInputPublicObjectId(inputs: [.init(id: "1")])))
        let after = V3ResponseTranslator(companyReads: .all).batchRead(try TranslationJSON.decodeResponse(V4.BatchAssociationResponse.self, from: reread.body), catalog: catalog)
        let remaining = Set(after.body.results.first?.to ?? [])
        #expect(!remaining.contains(V3.AssociatedId(id: "11", type: "decision_maker")))
        #expect(remaining.contains(V3.AssociatedId(id: "11", type: "contact_to_company_unlabeled")))
    }
}
