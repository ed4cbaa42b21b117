import HTTPTypes

/// One path shape of the associations API and the operation each method selects on it.
struct RoutePattern: Sendable {
    /// What one path segment must be.
    enum Segment: Sendable, Equatable {
        /// Exactly this text.
        case literal(String)
        /// An object type; the first in a path is the source, the second the target.
        case objectType
        /// A numeric record or user id.
        case objectID
        /// A numeric association type id.
        case typeID
    }

    /// The path's segments, in order.
    let segments: [Segment]
    /// The operation each supported method selects.
    let operations: [HTTPRequest.Method: GatewayOperation]

    /// Parses a template such as `/crm/v4/associations/{fromObjectType}/{toObjectType}/labels`.
    init(_ template: String, _ operations: [HTTPRequest.Method: (name: String, scope: ClientScope, body: Bool)]) {
        self.segments = template.split(separator: "/").map { part in
            switch part {
            case "{fromObjectType}", "{toObjectType}": .objectType
            case "{fromObjectId}", "{toObjectId}", "{userId}": .objectID
            case "{associationTypeId}": .typeID
            default: .literal(String(part))
            }
        }
        let isV3 = template.hasPrefix("/crm/v3/")
        self.operations = operations.mapValues {
            GatewayOperation(name: $0.name, template: template, scope: $0.scope, expectsJSONBody: $0.body, isV3: isV3)
        }
    }
}
