import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// Bad input, authentication and unknown routes answer HubSpot-shaped errors.
struct ValidationTests {
    /// A missing or wrong token is a 401 INVALID_AUTHENTICATION with rate-limit headers.
    @Test(arguments: [nil, "wrong-token"])
    func unauthenticated(token: String?) throws {
        var sim = SimulatorHarness(.seed)
        let response = sim.send(.get, "/crm/v4/associations/contacts/companies/labels", token: token)
        #expect(response.status.code == 401)
        let body = try response.object()
        #expect(body.string("status") == "error")
        #expect(body.string("category") == "INVALID_AUTHENTICATION")
        #expect(body.string("message")?.hasPrefix("Authentication credentials not found.") == true)
        #expect(body.string("correlationId") == response.header("X-HubSpot-Correlation-Id"))
        #expect(response.header("X-HubSpot-RateLimit-Max") == "190")
        #expect(sim.stats().unauthorized == 1)
    }

    /// The auth scheme is case-insensitive; the token is not.
    @Test func bearerSchemeCase() {
        var sim = SimulatorHarness(.seed)
        var headers = HTTPFields()
        headers[.authorization] = "bearer sim-token"
        let request = SimulatorRequest(method: .get, path: "/crm/v4/associations/contacts/companies/labels", headers: headers)
        #expect(sim.engine.handle(request, now: sim.origin, date: sim.date).status.code == 200)
        headers[.authorization] = "Bearer SIM-TOKEN"
        let wrong = SimulatorRequest(method: .get, path: "/crm/v4/associations/contacts/companies/labels", headers: headers)
        #expect(sim.engine.handle(wrong, now: sim.origin, date: sim.date).status.code == 401)
    }

    /// An object type HubSpot cannot parse is a 400 "Unable to infer object type from".
    @Test func unknownObjectType() throws {
        var sim = SimulatorHarness(.hubspot)
        let response = sim.send(.get, "/crm/v4/objects/credentialing_2_0/1/associations/contacts")
        #expect(response.status.code == 400)
        let body = try response.object()
        #expect(body.string("message") == "Unable to infer object type from: credentialing_2_0")
        #expect(body.string("category") == "VALIDATION_ERROR")
    }

    /// Non-numeric record ids are 400s, in paths and in bodies.
    @Test func nonNumericIDs() {
        var sim = SimulatorHarness(.seed)
        #expect(sim.send(.get, "/crm/v4/objects/contacts/abc/associations/companies").status.code == 400)
        #expect(sim.send(.delete, "/crm/v4/objects/contacts/1/associations/companies/x1").status.code == 400)
        #expect(sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":"-5"}]}"#).status.code == 400)
    }

    /// Ids in bodies may be JSON numbers as well as strings.
    @Test func numericIDsInBodies() throws {
        var sim = SimulatorHarness(.seed)
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/associate/default", #"{"inputs":[{"from":{"id":1},"to":{"id":2}}]}"#)
        let read = try sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[{"id":1}]}"#).object()
        #expect(read.objects("results").first?.objects("to").first?.string("toObjectId") == "2")
    }

    /// Malformed JSON and missing fields are 400 VALIDATION_ERROR.
    @Test(arguments: ["{", #"{"inputs":"x"}"#, #"{"input":[]}"#, ""])
    func invalidJSON(body: String) throws {
        var sim = SimulatorHarness(.hubspot)
        let response = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", body)
        #expect(response.status.code == 400)
        #expect(try response.object().string("category") == "VALIDATION_ERROR")
    }

    /// An association type the pair lacks is HubSpot's "One or more associations are invalid" with context.
    @Test func invalidAssociationType() throws {
        var sim = SimulatorHarness(.hubspot)
        let response = sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", #"[{"associationCategory":"USER_DEFINED","associationTypeId":3}]"#)
        #expect(response.status.code == 400)
        let body = try response.object()
        #expect(body.string("message") == "One or more associations are invalid")
        #expect(body.object("context")["associationSpec"] as? [String] == ["USER_DEFINED=3"])
        #expect(body.object("context")["INVALID_ASSOCIATION_TYPE_ID"] as? [String] == ["USER_DEFINED=3 is not a valid association definition id"])
        // Type 3 exists, but for deal → contact, not contact → company.
        #expect(sim.send(.put, "/crm/v4/objects/contacts/1/associations/companies/2", #"[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]"#).status.code == 400)
    }

    /// Unknown paths are a HubSpot-shaped 404 (after authentication).
    @Test func unknownPath() throws {
        var sim = SimulatorHarness(.seed)
        let response = sim.send(.get, "/crm/v4/nothing/here")
        #expect(response.status.code == 404)
        #expect(try response.object().string("status") == "error")
        #expect(sim.stats().requests(.unknown) == 1)
    }

    /// The schema spec's word order `/crm/associations/v4/…` reaches the same endpoints.
    @Test func swappedPrefix() {
        var sim = SimulatorHarness(.hubspot)
        #expect(sim.send(.get, "/crm/associations/v4/contacts/companies/labels").status.code == 200)
    }

    /// Limit configurations: create 201, read, update 200, purge 204, invalid types 207.
    @Test func limitConfigurations() throws {
        var sim = SimulatorHarness(.hubspot)
        let base = "/crm/v4/associations/definitions/configurations/contacts/companies"
        let created = sim.send(.post, base + "/batch/create", #"{"inputs":[{"category":"HUBSPOT_DEFINED","typeId":1,"maxToObjectIds":5}]}"#)
        #expect(created.status.code == 201)
        let result = try #require(try created.object().objects("results").first)
        #expect(result.int("userEnforcedMaxToObjectIds") == 5)
        #expect(result.string("label") == "Primary")
        #expect(sim.send(.post, base + "/batch/update", #"{"inputs":[{"category":"HUBSPOT_DEFINED","typeId":1,"maxToObjectIds":3}]}"#).status.code == 200)
        #expect(try sim.send(.get, base).object().objects("results").first?.int("userEnforcedMaxToObjectIds") == 3)
        #expect(try sim.send(.get, "/crm/v4/associations/definitions/configurations/all").object().objects("results").count == 1)
        #expect(sim.send(.post, base + "/batch/create", #"{"inputs":[{"category":"USER_DEFINED","typeId":77,"maxToObjectIds":3}]}"#).status.code == 207)
        #expect(sim.send(.post, base + "/batch/purge", #"{"inputs":[{"category":"HUBSPOT_DEFINED","typeId":1}]}"#).status.code == 204)
        #expect(try sim.send(.get, base).object().objects("results").isEmpty)
    }

    /// The high-usage report answers 200 `{userId, userEmail, enqueueTime}`.
    @Test func highUsageReport() throws {
        var sim = SimulatorHarness(.hubspot)
        let response = sim.send(.post, "/crm/v4/associations/usage/high-usage-report/42")
        #expect(response.status.code == 200)
        let body = try response.object()
        #expect(body.int("userId") == 42)
        #expect(body.string("userEmail") != nil)
        #expect(body.string("enqueueTime")?.hasSuffix("Z") == true)
    }

    /// Every operation name is counted, including requests refused by authentication.
    @Test func countsByOperation() {
        var sim = SimulatorHarness(.seed)
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[]}"#)
        _ = sim.send(.post, "/crm/v4/associations/contacts/companies/batch/read", #"{"inputs":[]}"#, token: nil)
        _ = sim.send(.get, "/crm/v4/associations/contacts/companies/labels")
        let stats = sim.stats()
        #expect(stats.totalRequests == 3)
        #expect(stats.requests(.batchRead) == 2)
        #expect(stats.requests(.listLabels) == 1)
    }
}
