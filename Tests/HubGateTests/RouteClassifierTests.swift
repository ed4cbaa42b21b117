import HTTPTypes
import HubSpotModel
import Testing

@testable import HubGate

/// Recognising v4 operations and validating their path parameters.
struct RouteClassifierTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let operation: String
        let scope: ClientScope
        var testDescription: String { "\(method) \(path)" }
    }

    /// Every seed operation and every official-client form maps to its operation and scope.
    @Test(arguments: [
        Case(method: .get, path: "/crm/v4/objects/contacts/123/associations/companies", operation: "listObjectAssociations", scope: .read),
        Case(method: .put, path: "/crm/v4/objects/contacts/123/associations/companies", operation: "createObjectAssociation", scope: .write),
        Case(method: .put, path: "/crm/v4/objects/contacts/123/associations/companies/456", operation: "createLabeledObjectAssociation", scope: .write),
        Case(method: .put, path: "/crm/v4/objects/contact/123/associations/default/company/456", operation: "createDefaultObjectAssociation", scope: .write),
        Case(method: .delete, path: "/crm/v4/objects/contacts/123/associations/companies/456", operation: "deleteObjectAssociation", scope: .write),
        Case(method: .post, path: "/crm/v4/associations/contacts/companies/batch/read", operation: "batchReadAssociations", scope: .read),
        Case(method: .post, path: "/crm/v4/associations/contacts/companies/batch/create", operation: "batchCreateAssociations", scope: .write),
        Case(method: .post, path: "/crm/v4/associations/contacts/companies/batch/archive", operation: "batchArchiveAssociations", scope: .write),
        Case(method: .post, path: "/crm/v4/associations/contacts/companies/batch/associate/default", operation: "batchCreateDefaultAssociations", scope: .write),
        Case(method: .post, path: "/crm/v4/associations/contacts/companies/batch/labels/archive", operation: "batchArchiveAssociationLabels", scope: .write),
        Case(method: .get, path: "/crm/v4/associations/contacts/companies/labels", operation: "listAssociationLabels", scope: .read),
        Case(method: .post, path: "/crm/v4/associations/contacts/companies/labels", operation: "createAssociationLabel", scope: .write),
        Case(method: .put, path: "/crm/v4/associations/contacts/companies/labels", operation: "updateAssociationLabelByBody", scope: .write),
        Case(method: .put, path: "/crm/v4/associations/contacts/companies/labels/101", operation: "updateAssociationLabel", scope: .write),
        Case(method: .delete, path: "/crm/v4/associations/contacts/companies/labels/101", operation: "deleteAssociationLabel", scope: .write),
        Case(method: .get, path: "/crm/v4/associations/definitions", operation: "listAssociationDefinitions", scope: .read),
        Case(method: .get, path: "/crm/v4/associations/definitions/configurations/all", operation: "listAllAssociationLimitConfigurations", scope: .read),
        Case(method: .get, path: "/crm/v4/associations/definitions/configurations/contacts/companies", operation: "listAssociationLimitConfigurations", scope: .read),
        Case(method: .post, path: "/crm/v4/associations/definitions/configurations/0-1/0-2/batch/create", operation: "batchCreateAssociationLimitConfigurations", scope: .write),
        Case(method: .post, path: "/crm/v4/associations/definitions/configurations/0-1/0-2/batch/update", operation: "batchUpdateAssociationLimitConfigurations", scope: .write),
        Case(method: .post, path: "/crm/v4/associations/definitions/configurations/0-1/0-2/batch/purge", operation: "batchPurgeAssociationLimitConfigurations", scope: .write),
        Case(method: .post, path: "/crm/v4/associations/usage/high-usage-report/42", operation: "requestHighUsageReport", scope: .read),
    ])
    func classifiesEveryOperation(_ testCase: Case) throws {
        let route = try RouteClassifier.classify(method: testCase.method, path: Substring(testCase.path))
        #expect(route.operation.name == testCase.operation)
        #expect(route.operation.scope == testCase.scope)
    }

    /// Every spelling of an object type classifies to the same canonical type.
    @Test(arguments: ["contacts", "contact", "CONTACTS", "Contacts", "0-1"])
    func normalisesObjectTypeSpellings(spelling: String) throws {
        let route = try RouteClassifier.classify(method: .post, path: Substring("/crm/v4/associations/\(spelling)/Companies/batch/read"))
        #expect(route.fromObjectType == ObjectType(.contacts))
        #expect(route.toObjectType == ObjectType(.companies))
    }

    /// The schema spec's word order (`/crm/associations/v4/…`) names the same operations.
    @Test(arguments: [
        ("/crm/associations/v4/contacts/companies/labels", HTTPRequest.Method.get, "listAssociationLabels"),
        ("/crm/associations/v4/definitions/configurations/all", .get, "listAllAssociationLimitConfigurations"),
        ("/crm/associations/v4/contacts/companies/batch/read", .post, "batchReadAssociations"),
    ])
    func acceptsTheSchemaSpecsWordOrder(path: String, method: HTTPRequest.Method, name: String) throws {
        let route = try RouteClassifier.classify(method: method, path: Substring(path))
        #expect(route.operation.name == name)
        #expect(throws: GatewayError.self) { try RouteClassifier.classify(method: .get, path: "/crm/associations/v3/contacts/companies/types") }
    }

    /// Custom object ids and fully qualified names are accepted as object types.
    @Test func acceptsCustomObjects() throws {
        let route = try RouteClassifier.classify(method: .get, path: "/crm/v4/associations/2-123456/p987_cars/labels")
        #expect(route.fromObjectType?.id == "2-123456")
        #expect(route.toObjectType?.id == "p987_cars")
    }

    /// Malformed parameters are 400s that name the problem, not 404s.
    @Test func rejectsMalformedParameters() {
        #expect(throws: GatewayError.invalidObjectType("widgets")) {
            try RouteClassifier.classify(method: .post, path: "/crm/v4/associations/widgets/companies/batch/read")
        }
        #expect(throws: GatewayError.invalidObjectID("abc")) {
            try RouteClassifier.classify(method: .get, path: "/crm/v4/objects/contacts/abc/associations/companies")
        }
        #expect(throws: GatewayError.invalidObjectID("-1")) {
            try RouteClassifier.classify(method: .delete, path: "/crm/v4/objects/contacts/1/associations/companies/-1")
        }
        #expect(throws: GatewayError.invalidTypeID("x1")) {
            try RouteClassifier.classify(method: .delete, path: "/crm/v4/associations/contacts/companies/labels/x1")
        }
        #expect(GatewayError.invalidObjectType("widgets").status == .badRequest)
    }

    /// Unknown paths are 404 and known paths with another method are 405.
    @Test func rejectsUnknownRoutesAndMethods() {
        for path in ["/", "/crm", "/crm/v4", "/crm/v5/associations/contacts/companies/batch/read", "/crm/v4/associations/contacts/companies/batch/delete", "/crm/v4/objects/contacts"] {
            #expect(throws: GatewayError.routeNotFound) { try RouteClassifier.classify(method: .post, path: Substring(path)) }
        }
        #expect(throws: GatewayError.methodNotAllowed(allowing: [.post])) {
            try RouteClassifier.classify(method: .get, path: "/crm/v4/associations/contacts/companies/batch/read")
        }
        #expect(throws: GatewayError.methodNotAllowed(allowing: [.get])) {
            try RouteClassifier.classify(method: .post, path: "/crm/v4/associations/definitions")
        }
        // The 405's Allow field names exactly the path's methods.
        let labels = #expect(throws: GatewayError.self) {
            try RouteClassifier.classify(method: .patch, path: "/crm/v4/associations/contacts/companies/labels")
        }
        #expect(labels?.allowedMethods == "GET, POST, PUT")
    }

    /// A single trailing slash is tolerated; empty inner segments are not.
    @Test func handlesSlashes() throws {
        _ = try RouteClassifier.classify(method: .get, path: "/crm/v4/associations/definitions/")
        #expect(throws: GatewayError.self) { try RouteClassifier.classify(method: .get, path: "/crm/v4//associations/definitions") }
    }
}
