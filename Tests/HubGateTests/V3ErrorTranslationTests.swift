import HubSpotModel
import Testing

@testable import HubGate

/// v4 error bodies → v3 (HubSpot-shaped) error bodies.
struct V3ErrorTranslationTests {
    typealias F = TranslationFixture

    /// HubSpot's invalid-association-type error keeps every field and gains the v3 name of the rejected type.
    @Test func invalidAssociationTypeGetsV3Name() throws {
        let v4 = try F.response(V4.Error.self, """
            {"status": "error", "message": "One or more associations are invalid", "correlationId": "aeb5f871-7f07-4993-9211-075dc63e7cbf",
             "context": {"associationSpec": ["HUBSPOT_DEFINED=279"], "INVALID_ASSOCIATION_TYPE_ID": ["HUBSPOT_DEFINED=279 is not a valid association definition id"]},
             "category": "VALIDATION_ERROR"}
            """)
        let body = V3ResponseTranslator().error(v4, statusCode: 400, fallbackCorrelationID: "unused", catalog: F.catalog(.contacts, .companies))
        #expect(try F.canonical(body) == F.canonical("""
            {"status": "error", "message": "One or more associations are invalid", "correlationId": "aeb5f871-7f07-4993-9211-075dc63e7cbf",
             "category": "VALIDATION_ERROR",
             "context": {"associationSpec": ["HUBSPOT_DEFINED=279"], "INVALID_ASSOCIATION_TYPE_ID": ["HUBSPOT_DEFINED=279 is not a valid association definition id"],
                         "type": ["contact_to_company_unlabeled"]}}
            """))
    }

    /// A 429 keeps `policyName` and `errorType` (the Node client's retry reads them).
    @Test func rateLimitKeepsPolicy() throws {
        let v4 = try F.response(V4.Error.self, """
            {"status": "error", "message": "You have reached your ten_secondly_rolling limit.", "errorType": "RATE_LIMIT",
             "correlationId": "c1", "policyName": "TEN_SECONDLY_ROLLING", "category": "RATE_LIMITS"}
            """)
        let body = V3ResponseTranslator().error(v4, statusCode: 429, fallbackCorrelationID: "unused")
        #expect(body.policyName == "TEN_SECONDLY_ROLLING")
        #expect(body.errorType == "RATE_LIMIT")
        #expect(body.category == "RATE_LIMITS")
        #expect(body.correlationId == "c1")
    }

    /// Missing fields are filled: status "error", a message, the fallback correlation id and a category from the status.
    @Test(arguments: [(401, "INVALID_AUTHENTICATION"), (403, "MISSING_SCOPES"), (404, "OBJECT_NOT_FOUND"), (429, "RATE_LIMITS"), (400, "VALIDATION_ERROR"), (503, "SERVICE_UNAVAILABLE"), (500, "INTERNAL_ERROR")])
    func fillsMissingFields(statusCode: Int, category: String) throws {
        let body = V3ResponseTranslator().error(try F.response(V4.Error.self, "{}"), statusCode: statusCode, fallbackCorrelationID: "req-1")
        #expect(body.status == "error")
        #expect(body.correlationId == "req-1")
        #expect(body.category == category)
        #expect(!body.message.isEmpty)
    }

    /// Lenient reading: a non-string subCategory is dropped, string context values become one-element lists, details survive.
    @Test func readsErrorsLeniently() throws {
        let v4 = try F.response(V4.Error.self, """
            {"message": "Bad", "category": "VALIDATION_ERROR", "subCategory": {"nested": true}, "context": {"key": "value"},
             "errors": [{"message": "detail", "in": "inputs", "code": "X"}], "links": {"docs": "https://example.com"}}
            """)
        let body = V3ResponseTranslator().error(v4, statusCode: 400, fallbackCorrelationID: "req-2")
        #expect(body.subCategory == nil)
        #expect(body.context == ["key": ["value"]])
        #expect(body.errors == [HubSpotErrorBody.Detail(message: "detail", code: "X", in: "inputs")])
        #expect(body.links == ["docs": "https://example.com"])
    }

    /// A multi-status error with only a message still gets every field v3 requires.
    @Test func standardErrorGetsRequiredFields() throws {
        let v4 = try F.response(V4.StandardError.self, #"{"message": "nope"}"#)
        let v3 = V3ResponseTranslator().standardError(v4)
        #expect(try F.canonical(v3) == F.canonical("""
            {"status": "error", "category": "VALIDATION_ERROR", "message": "nope", "context": {}, "links": {}, "errors": []}
            """))
    }
}
