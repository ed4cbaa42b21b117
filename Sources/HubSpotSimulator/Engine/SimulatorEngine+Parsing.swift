import Foundation
import HTTPTypes
import HubSpotModel

/// Validation of path segments, bodies and cursors, shared by every handler.
extension SimulatorEngine {
    /// Parses an object type segment, any spelling HubSpot accepts.
    func objectType(_ segment: String) throws -> ObjectType {
        guard let type = ObjectType(pathSegment: segment) else { throw SimulatorError.unknownObjectType(segment) }
        return type
    }

    /// The route's pair direction, with invented defaults for pairs the table lacks.
    mutating func pair(of route: SimulatorRoute) throws -> ObjectPair {
        let pair = ObjectPair(try objectType(route.fromType), try objectType(route.toType))
        labels.ensureDefaults(for: pair)
        return pair
    }

    /// Parses a record id: HubSpot ids are positive decimal integers.
    func recordID(_ text: String) throws -> Int64 {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let id = Int64(text) else {
            throw SimulatorError.validation("Invalid object id: \(text). Object ids must be numeric.", context: [("id", [text])])
        }
        return id
    }

    /// Decodes a JSON body or answers 400.
    func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw SimulatorError.invalidJSON(Self.describe(error))
        } catch {
            throw SimulatorError.invalidJSON("unreadable body")
        }
    }

    /// Resolves requested types against the pair's definitions; any unknown one fails the whole call
    /// the way HubSpot does ("One or more associations are invalid").
    func definitions(for specs: [RequestBodies.TypeSpec], pair: ObjectPair) throws -> [AssociationDefinition] {
        let known = labels.definitions(for: pair)
        var resolved: [AssociationDefinition] = []
        var invalid: [String] = []
        for spec in specs {
            if let category = AssociationCategory(rawValue: spec.category), let definition = known.first(where: { $0.key == TypeKey(category, spec.typeID) }) {
                resolved.append(definition)
            } else {
                invalid.append("\(spec.category)=\(spec.typeID)")
            }
        }
        guard invalid.isEmpty else { throw Self.invalidAssociations(invalid) }
        return resolved
    }

    /// HubSpot's 400 for association types that do not exist for the pair.
    static func invalidAssociations(_ specs: [String]) -> SimulatorError {
        .validation(
            "One or more associations are invalid",
            context: [
                ("associationSpec", specs),
                ("INVALID_ASSOCIATION_TYPE_ID", specs.map { "\($0) is not a valid association definition id" }),
            ]
        )
    }

    /// Rejects a batch larger than `limit`.
    func checkBatchSize(_ count: Int, limit: Int) throws {
        guard count <= limit else {
            throw SimulatorError.validation("The maximum number of inputs supported in a batch request is \(limit); received \(count).", context: [("inputs", [String(count)])])
        }
    }

    /// The page size from `limit`, defaulting per dialect.
    func pageSize(_ request: SimulatorRequest, default defaultSize: Int) throws -> Int {
        guard let text = request.queryValue("limit") else { return defaultSize }
        guard let limit = Int(text), limit >= 1 else { throw SimulatorError.validation("limit must be a positive integer, got \(text)") }
        return min(limit, configuration.maxListPageSize)
    }

    /// Opaque cursors are base64 of the next offset (like HubSpot's, which pass through URL-encoded).
    static func cursor(offset: Int) -> String {
        Data(String(offset).utf8).base64EncodedString()
    }

    /// The offset in a cursor, or 400 for one the simulator did not issue.
    func offset(fromCursor cursor: String?) throws -> Int {
        guard let cursor, !cursor.isEmpty else { return 0 }
        guard let data = Data(base64Encoded: cursor), let offset = Int(String(decoding: data, as: UTF8.self)), offset >= 0 else {
            throw SimulatorError.validation("Invalid paging cursor: \(cursor)", context: [("after", [cursor])])
        }
        return offset
    }

    /// `{next: {after, link}}` for a next page at `offset`.
    func paging(offset: Int, request: SimulatorRequest) -> JSONValue {
        let after = Self.cursor(offset: offset)
        var items = request.queryItems.filter { $0.name != "after" }.map { "\($0.name)=\($0.value)" }
        items.append("after=\(after.replacingOccurrences(of: "=", with: "%3D"))")
        let host = request.authority ?? "\(configuration.host):\(configuration.port)"
        let link = "http://\(host)\(request.path)?\(items.joined(separator: "&"))"
        return .object([("next", .object([("after", .string(after)), ("link", .string(link))]))])
    }

    /// ISO-8601 with milliseconds and `Z`, as HubSpot's batch envelopes.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context): return context.debugDescription
        case .keyNotFound(let key, _): return "missing required field \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "wrong type at \(path.isEmpty ? "root" : path)"
        @unknown default: return "invalid JSON"
        }
    }
}
