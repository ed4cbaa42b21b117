import Foundation
import HubSpotModel
import Testing

@testable import HubGate

/// Fixtures and JSON helpers shared by the translation suites.
enum TranslationFixture {
    static let contacts = ObjectType(.contacts)
    static let companies = ObjectType(.companies)
    static let deals = ObjectType(.deals)
    static let tickets = ObjectType(.tickets)

    /// A catalog with the default types of a pair.
    static func catalog(_ from: StandardObject, _ to: StandardObject) -> AssociationTypeCatalog {
        AssociationTypeCatalog(from: ObjectType(from), to: ObjectType(to))
    }

    /// Decodes a v3 request body the way the gateway will.
    static func request<Value: Decodable>(_ type: Value.Type, _ json: String) throws(TranslationError) -> Value {
        try TranslationJSON.decodeRequest(type, from: Array(json.utf8))
    }

    /// Decodes an upstream v4 answer the way the gateway will.
    static func response<Value: Decodable>(_ type: Value.Type, _ json: String) throws(TranslationError) -> Value {
        try TranslationJSON.decodeResponse(type, from: Array(json.utf8))
    }

    /// Any JSON text with keys sorted and whitespace dropped, for exact comparisons.
    static func canonical(_ json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    /// A value's JSON encoding in canonical form.
    static func canonical(_ value: some Encodable) throws -> String {
        try canonical(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
    }
}
