import Foundation
import Testing

@testable import HubGate

/// The hand-written v3 batch/read encoder produces what `JSONEncoder` would, as JSON values.
struct V3BatchReadEncodingTests {
    static func decoded(_ bytes: [UInt8]) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    /// Same JSON value as JSONEncoder for answers with paging, escapes, and optional fields.
    @Test(arguments: [
        V3.BatchResponsePublicAssociationMulti(status: "COMPLETE", results: [], startedAt: "2024-10-21T16:40:47.810Z", completedAt: "2024-10-21T16:40:47.833Z"),
        V3.BatchResponsePublicAssociationMulti(
            status: "COMPLETE",
            results: [
                V3.PublicAssociationMulti(from: V3.PublicObjectId(id: "5790939450"), to: [
                    V3.AssociatedId(id: "1467822235", type: "company_to_deal"),
                    V3.AssociatedId(id: "7", type: "quote\"back\\slash\nnew\u{01}é\t"),
                ], paging: V4.Paging(next: V4.Paging.Next(after: "MC0yLTc1MDI%3D", link: "https://x/y?after=1"))),
                V3.PublicAssociationMulti(from: V3.PublicObjectId(id: "2"), to: []),
            ],
            numErrors: 0,
            requestedAt: "2024-10-21T16:40:47.800Z",
            startedAt: "2024-10-21T16:40:47.810Z",
            completedAt: "2024-10-21T16:40:47.833Z"
        ),
    ])
    func matchesJSONEncoder(answer: V3.BatchResponsePublicAssociationMulti) throws {
        let fast = try #require(V3BatchReadEncoding.encode(answer))
        let reference = Array(try JSONEncoder().encode(answer))
        #expect(try Self.decoded(fast) == Self.decoded(reference))
    }

    /// Answers with errors are left to JSONEncoder.
    @Test func declinesAnswersWithErrors() {
        let answer = V3.BatchResponsePublicAssociationMulti(status: "COMPLETE", results: [], numErrors: 1, errors: [], startedAt: "a", completedAt: "b")
        #expect(V3BatchReadEncoding.encode(answer) == nil)
    }
}
