import HubSpotModel
import Testing

@testable import HubGate

/// The reads before a v3 create: which records, in how many reads, how pages continue, and when the
/// answers cannot be trusted.
struct ExistingTypesReadTests {
    typealias F = TranslationFixture

    /// Distinct canonical `from` ids in first-seen order, chunked by the read limit.
    @Test func firstReadsChunkDistinctFromIDs() throws {
        let input = try F.request(V3.BatchInputPublicAssociation.self, """
            {"inputs": [{"from": {"id": "1"}, "to": {"id": "10"}, "type": "contact_to_company"},
                        {"from": {"id": "001"}, "to": {"id": "11"}, "type": "contact_to_company_unlabeled"},
                        {"from": {"id": "2"}, "to": {"id": "10"}, "type": "contact_to_company"},
                        {"from": {"id": "3"}, "to": {"id": "10"}, "type": "contact_to_company"}]}
            """)
        let reads = try ExistingTypesRead.firstReads(for: input, catalog: F.catalog(.contacts, .companies), limits: V3BatchLimits(maxReadInputs: 2))
        #expect(reads.map { $0.inputs.map(\.id) } == [["1", "2"], ["3"]])
        #expect(reads.allSatisfy { $0.inputs.allSatisfy { $0.after == nil } })
    }

    /// A request the create would refuse is refused before any read.
    @Test func validatesLikeTheCreate() throws {
        let unknown = try F.request(V3.BatchInputPublicAssociation.self, #"{"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "type": "nonsense"}]}"#)
        #expect(throws: TranslationError.self) { try ExistingTypesRead.firstReads(for: unknown, catalog: F.catalog(.contacts, .companies)) }
        let badID = try F.request(V3.BatchInputPublicAssociation.self, #"{"inputs": [{"from": {"id": "x"}, "to": {"id": "2"}, "type": "contact_to_company"}]}"#)
        #expect(throws: TranslationError.invalidObjectID("inputs[0].from.id", value: "x")) { try ExistingTypesRead.firstReads(for: badID, catalog: F.catalog(.contacts, .companies)) }
    }

    /// Records with a next page are read again from their cursor; none left, no read.
    @Test func nextReadFollowsCursors() throws {
        let answer = try F.response(V4.BatchAssociationResponse.self, """
            {"status": "COMPLETE", "startedAt": "a", "completedAt": "b", "results": [
              {"from": {"id": "1"}, "to": [{"toObjectId": 10, "associationTypes": []}], "paging": {"next": {"after": "MQ==", "link": "x"}}},
              {"from": {"id": "2"}, "to": []}]}
            """)
        #expect(ExistingTypesRead.nextRead(after: answer)?.inputs == [V4.FetchAssociationsInput(id: "1", after: "MQ==")])
        #expect(ExistingTypesRead.nextRead(after: V4.BatchAssociationResponse(results: [], startedAt: "a", completedAt: "b")) == nil)
    }

    /// Pages add up; records without associations are fine; any other error refuses the create.
    @Test func combinedAnswers() throws {
        let first = try F.response(V4.BatchAssociationResponse.self, """
            {"status": "COMPLETE", "startedAt": "a", "completedAt": "b", "numErrors": 1,
             "results": [{"from": {"id": "1"}, "to": [{"toObjectId": 10, "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"}]}]}],
             "errors": [{"status": "error", "category": "OBJECT_NOT_FOUND", "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND", "message": "none"}]}
            """)
        let second = V4.BatchAssociationResponse(results: [V4.AssociationResult(from: V4.ObjectReference(id: "1"), to: [])], startedAt: "c", completedAt: "d")
        let combined = try ExistingTypesRead.combined([first, second])
        #expect(combined.results.count == 2)
        #expect(combined.errors == nil)

        var failed = second
        failed.errors = [V4.StandardError(category: "INTERNAL_ERROR", message: "boom")]
        #expect(throws: TranslationError.self) { try ExistingTypesRead.combined([first, failed]) }
    }
}
