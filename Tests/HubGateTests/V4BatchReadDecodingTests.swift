import Foundation
import HubSpotModel
import Testing

@testable import HubGate

/// The hand-written v4 `batch/read` reader gives exactly what `JSONDecoder` gives, or declines.
struct V4BatchReadDecodingTests {
    /// One document, and whether the hand-written reader is expected to take it.
    struct Case: Sendable, CustomTestStringConvertible {
        var summary: String
        var json: String
        var isReadByHand: Bool
        var testDescription: String { summary }
    }

    static let cases: [Case] = [
        Case(summary: "seed dialect", json: """
            {"status":"COMPLETE","results":[{"from":{"id":"101"},"to":[{"toObjectId":"201","associationTypes":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1,"label":"Primary"},{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":279}]}]}],"startedAt":"2026-01-01T00:00:00.000Z","completedAt":"2026-01-01T00:00:00.001Z"}
            """, isReadByHand: true),
        Case(summary: "hubspot dialect (docs example)", json: """
            { "status": "COMPLETE",
              "results": [ { "from": { "id": "33451" },
                             "to": [ { "toObjectId": 5790939450,
                                       "associationTypes": [
                                         { "category": "HUBSPOT_DEFINED", "typeId": 1,   "label": "Primary" },
                                         { "category": "HUBSPOT_DEFINED", "typeId": 279, "label": null },
                                         { "category": "USER_DEFINED",    "typeId": 28,  "label": "Billing contact" } ] } ] } ],
              "startedAt": "2024-10-21T20:22:42.152Z", "completedAt": "2024-10-21T20:22:42.167Z" }
            """, isReadByHand: true),
        Case(summary: "paging, requestedAt, numErrors, errors null, unknown members", json: """
            {"requestedAt":"a","numErrors":0,"errors":null,"links":{"x":[1,2.5e3,-0.5,true,false,null,{"y":"\\"}"}]},
             "status":"COMPLETE","startedAt":"b","completedAt":"c","results":[
              {"from":{"id":7,"extra":{}},"paging":{"next":{"after":"MQ%3D%3D","link":"https://x/y?after=1"},"prev":null},
               "to":[{"associationTypes":[],"toObjectId":18446744073709551615,"more":[[]]}]},
              {"from":{"id":"-5"},"to":[],"paging":null},
              {"from":{"id":"8"},"to":[],"paging":{}},
              {"from":{"id":"9"},"to":[],"paging":{"next":null}},
              {"from":{"id":"10"},"to":[],"paging":{"next":{"after":null}}}]}
            """, isReadByHand: true),
        Case(summary: "escapes and non-ASCII", json: #"""
            {"status":"COMPLETE","startedAt":"\u0032\/","completedAt":"é😀\ud83d\ude00\n\t\"\\","results":[{"from":{"id":"1"},"to":[{"toObjectId":"2","associationTypes":[{"category":"USER_DEFINED","typeId":3,"label":"Décideur \"chef\""}]}]}]}
            """#, isReadByHand: true),
        Case(summary: "empty results", json: #"{"status":"COMPLETE","results":[],"startedAt":"a","completedAt":"b"}"#, isReadByHand: true),
        Case(summary: "207 with errors: Codable", json: """
            {"status":"COMPLETE","results":[],"numErrors":1,"errors":[{"status":"error","category":"OBJECT_NOT_FOUND","subCategory":"crm.associations.NO_ASSOCIATIONS_FOUND","message":"No company","context":{"fromObjectId":["1"]}}],"startedAt":"a","completedAt":"b"}
            """, isReadByHand: false),
        Case(summary: "both vocabularies in one type", json: """
            {"status":"COMPLETE","results":[{"from":{"id":"1"},"to":[{"toObjectId":"2","associationTypes":[{"associationCategory":"USER_DEFINED","category":"HUBSPOT_DEFINED","associationTypeId":3,"typeId":4}]}]}],"startedAt":"a","completedAt":"b"}
            """, isReadByHand: false),
        Case(summary: "fractional type id", json: """
            {"status":"COMPLETE","results":[{"from":{"id":"1"},"to":[{"toObjectId":"2","associationTypes":[{"category":"USER_DEFINED","typeId":3.0}]}]}],"startedAt":"a","completedAt":"b"}
            """, isReadByHand: false),
        Case(summary: "exponent id", json: """
            {"status":"COMPLETE","results":[{"from":{"id":1e3},"to":[]}],"startedAt":"a","completedAt":"b"}
            """, isReadByHand: false),
        Case(summary: "repeated key", json: #"{"status":"COMPLETE","status":"PENDING","results":[],"startedAt":"a","completedAt":"b"}"#, isReadByHand: false),
        Case(summary: "missing startedAt", json: #"{"status":"COMPLETE","results":[],"completedAt":"b"}"#, isReadByHand: false),
        Case(summary: "unknown category", json: """
            {"status":"COMPLETE","results":[{"from":{"id":"1"},"to":[{"toObjectId":"2","associationTypes":[{"category":"FOO","typeId":3}]}]}],"startedAt":"a","completedAt":"b"}
            """, isReadByHand: false),
        Case(summary: "trailing comma", json: #"{"status":"COMPLETE","results":[],"startedAt":"a","completedAt":"b",}"#, isReadByHand: false),
        Case(summary: "trailing garbage", json: #"{"status":"COMPLETE","results":[],"startedAt":"a","completedAt":"b"} x"#, isReadByHand: false),
        Case(summary: "unterminated", json: #"{"status":"COMPLETE","results":[{"#, isReadByHand: false),
        Case(summary: "lone surrogate", json: #"{"status":"\ud83d","results":[],"startedAt":"a","completedAt":"b"}"#, isReadByHand: false),
        Case(summary: "bad number in an unknown member", json: #"{"status":"COMPLETE","x":01,"results":[],"startedAt":"a","completedAt":"b"}"#, isReadByHand: false),
        Case(summary: "not an object", json: #"[1]"#, isReadByHand: false),
    ]

    /// Read by hand exactly as by `JSONDecoder`, or declined (and then `JSONDecoder` decides).
    @Test(arguments: cases)
    func agreesWithJSONDecoder(_ example: Case) {
        let bytes = Array(example.json.utf8)
        let byHand = V4BatchReadDecoding.decode(bytes)
        let codable = try? TranslationJSON.decodeResponse(V4.BatchAssociationResponse.self, from: bytes)
        #expect((byHand != nil) == example.isReadByHand)
        if let byHand { #expect(byHand == codable) }
    }

    /// Invalid UTF-8 inside a string is declined.
    @Test func declinesInvalidUTF8() {
        var bytes = Array(#"{"status":"X","results":[],"startedAt":"a","completedAt":"b"}"#.utf8)
        bytes[11] = 0xFF
        #expect(V4BatchReadDecoding.decode(bytes) == nil)
    }

    /// For many generated answers in both vocabularies (random member order, whitespace, unknown
    /// members, escapes, id forms), the hand-written reader takes each and agrees with `JSONDecoder`.
    @Test(arguments: [1, 2, 3])
    func generatedAnswersAgree(seed: UInt64) throws {
        var random = GeneratedJSON(seed: seed)
        for _ in 0..<150 {
            let json = random.batchReadAnswer()
            let bytes = Array(json.utf8)
            let codable = try TranslationJSON.decodeResponse(V4.BatchAssociationResponse.self, from: bytes)
            let byHand = try #require(V4BatchReadDecoding.decode(bytes), "\(json)")
            #expect(byHand == codable, "\(json)")
        }
    }
}

/// The hand-written v3 `batch/read` request reader agrees with `JSONDecoder`, or declines.
struct V3BatchReadRequestDecodingTests {
    /// Documents and whether they are read by hand.
    static let cases: [(String, Bool)] = [
        (#"{"inputs":[{"id":"101"},{"id":"102"}]}"#, true),
        (#" { "inputs" : [ { "id" : 5790939450 , "x": [null] } ], "other": {"a": "b"} } "#, true),
        (#"{"inputs":[]}"#, true),
        (#"{"inputs":[{"id":"\u0031"}]}"#, true),
        (#"{"inputs":"1"}"#, false),
        (#"{"inputs":[{"id":null}]}"#, false),
        (#"{"inputs":[{}]}"#, false),
        (#"{}"#, false),
        (#"{"inputs":[{"id":"1"}]"#, false),
        (#"{"inputs":[{"id":1.5}]}"#, false),
        (#"{"inputs":[{"id":"101","after":"NTAw"},{"after":null,"id":"102"}]}"#, true),
        (#"{"inputs":[{"id":"101","after":500}]}"#, false),
        (#"{"inputs":[{"id":"101","after":"a","after":"b"}]}"#, false),
    ]

    /// Read by hand exactly as by `JSONDecoder`, or declined.
    @Test(arguments: cases)
    func agreesWithJSONDecoder(json: String, isReadByHand: Bool) {
        let bytes = Array(json.utf8)
        let byHand = V3BatchReadRequestDecoding.decode(bytes)
        let codable = try? TranslationJSON.decodeRequest(V3.BatchInputPublicObjectId.self, from: bytes)
        #expect((byHand != nil) == isReadByHand)
        if let byHand { #expect(byHand == codable) }
    }

    /// The hand-written v4 request body is the JSON value `JSONEncoder` writes.
    @Test func v4RequestMatchesJSONEncoder() throws {
        let input = V4.BatchAssociationReadInput(inputs: [
            V4.FetchAssociationsInput(id: "1"), V4.FetchAssociationsInput(id: "2", after: "MQ%3D\"="),
        ])
        let byHand = try JSONSerialization.jsonObject(with: Data(V4BatchReadInputEncoding.encode(input))) as? NSDictionary
        let reference = try JSONSerialization.jsonObject(with: JSONEncoder().encode(input)) as? NSDictionary
        #expect(byHand == reference)
    }
}
