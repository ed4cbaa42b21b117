import HTTPTypes
import HubSpotModel

/// Recognises the v4 (and legacy v3) associations operations in a request's method and path, and validates the
/// path's object types and ids before anything is sent upstream.
///
/// Pure: no I/O, so every path rule is unit-tested directly.
package enum RouteClassifier {
    /// `path` in the word order every official client uses: HubSpot's published schema spec, and its
    /// reference pages' examples, spell `/crm/associations/v4/…` for `/crm/v4/associations/…`, and
    /// `classify` takes both as the same operations.
    package static func usualSpelling(of path: String) -> String {
        guard path.hasPrefix(schemaSpecPrefix) else { return path }
        return "/crm/v4/associations/" + path.dropFirst(schemaSpecPrefix.count)
    }

    private static let schemaSpecPrefix = "/crm/associations/v4/"

    /// The operation for `method` on `path` (no query string).
    ///
    /// - Throws: `GatewayError` 404 for unknown paths, 405 for a known path with another method,
    ///   400 for object types, ids or type ids HubSpot would reject.
    package static func classify(method: HTTPRequest.Method, path: Substring) throws(GatewayError) -> ClassifiedRoute {
        var parts = segments(of: path)
        if parts.first == "" { parts.removeFirst() }
        if parts.last == "", parts.count > 1 { parts.removeLast() }
        if parts.count >= 3, parts[0] == "crm", parts[1] == "associations", parts[2] == "v4" {
            // The schema spec's word order (`usualSpelling(of:)`): the same operations.
            parts[1] = "v4"
            parts[2] = "associations"
        }
        guard parts.count >= 4, parts.count <= 9, parts[0] == "crm", parts[1] == "v4" || parts[1] == "v3" else {
            throw GatewayError.routeNotFound
        }
        let patterns = parts[1] == "v4" ? V4Routes.patterns : V3Routes.patterns
        for pattern in patterns where matches(pattern, parts) {
            guard let operation = pattern.operations[method] else { throw GatewayError.methodNotAllowed(allowing: pattern.operations.keys) }
            return try validated(pattern, parts, operation)
        }
        throw GatewayError.routeNotFound
    }

    /// The path split at every `/`, empty segments kept. On UTF-8 code units: splitting on
    /// `Character`s runs grapheme breaking over every byte of every request's path, and cost a third
    /// of classification (perf).
    private static func segments(of path: Substring) -> [Substring] {
        var parts: [Substring] = []
        parts.reserveCapacity(10)
        let utf8 = path.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                parts.append(path[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        parts.append(path[start..<utf8.endIndex])
        return parts
    }

    /// The operation `path` names, or nil when it names none: for counting a call under its route
    /// when it was refused before routing (no key, unknown key, over its client's share).
    package static func operation(method: HTTPRequest.Method, path: Substring) -> GatewayOperation? {
        try? classify(method: method, path: path).operation
    }

    /// Structural match: same length, same literals (parameters are validated afterwards so that a
    /// bad id gets a 400 naming it rather than a 404).
    private static func matches(_ pattern: RoutePattern, _ parts: [Substring]) -> Bool {
        guard pattern.segments.count == parts.count else { return false }
        for (segment, part) in zip(pattern.segments, parts) {
            // Byte comparison: String equality would check for Unicode equivalence on every segment.
            if case .literal(let text) = segment, !part.utf8.elementsEqual(text.utf8) { return false }
        }
        return true
    }

    private static func validated(_ pattern: RoutePattern, _ parts: [Substring], _ operation: GatewayOperation) throws(GatewayError) -> ClassifiedRoute {
        var types: [ObjectType] = []
        for (segment, part) in zip(pattern.segments, parts) {
            switch segment {
            case .literal:
                continue
            case .objectType:
                guard let type = ObjectType(pathSegment: part) else { throw GatewayError.invalidObjectType(part) }
                types.append(type)
            case .objectID:
                guard isNumericID(part) else { throw GatewayError.invalidObjectID(part) }
            case .typeID:
                guard isNumericID(part) else { throw GatewayError.invalidTypeID(part) }
            }
        }
        return ClassifiedRoute(operation: operation, fromObjectType: types.first, toObjectType: types.count > 1 ? types[1] : nil)
    }

    /// HubSpot record ids are positive decimal integers.
    static func isNumericID(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.count <= 30 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
