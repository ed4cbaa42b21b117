import HTTPTypes

/// A classified request path: which operation it is and its raw path parameters.
///
/// Parameters stay unvalidated strings here so that a request with a bad object type is still
/// counted under its operation; the handlers validate them and answer HubSpot's 400s.
package struct SimulatorRoute: Sendable, Equatable {
    /// The operation.
    package var operation: SimulatorOperation
    /// Source object type segment (as sent).
    package var fromType: String = ""
    /// Source record id segment (basic endpoints).
    package var fromID: String = ""
    /// Target object type segment.
    package var toType: String = ""
    /// Target record id segment (basic endpoints).
    package var toID: String = ""
    /// Association type id segment (label update/delete) or user id (usage report).
    package var extra: String = ""

    /// Whether the path is under the unauthenticated control API (`/_simulator/`).
    package static func isControlPath(_ path: String) -> Bool {
        path.hasPrefix("/_simulator/") || path == "/_simulator"
    }

    /// Classifies `method` + `path`; `.unknown` when nothing matches.
    package static func classify(method: HTTPRequest.Method, path: String) -> SimulatorRoute {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // HubSpot's schema spec spells `/crm/associations/v4/…` for `/crm/v4/associations/…`; accept both.
        if segments.count >= 3, segments[0] == "crm", segments[1] == "associations", segments[2] == "v4" {
            segments[1] = "v4"
            segments[2] = "associations"
        }
        guard segments.count >= 3, segments[0] == "crm", segments[1] == "v4" else { return SimulatorRoute(operation: .unknown) }
        let rest = Array(segments.dropFirst(3))
        switch segments[2] {
        case "objects": return classifyObjects(method: method, rest)
        case "associations": return classifyAssociations(method: method, rest)
        default: return SimulatorRoute(operation: .unknown)
        }
    }

    /// `/crm/v4/objects/{from}/{fromId}/associations/…`
    private static func classifyObjects(method: HTTPRequest.Method, _ s: [String]) -> SimulatorRoute {
        guard s.count >= 4, s[2] == "associations" else { return SimulatorRoute(operation: .unknown) }
        var route = SimulatorRoute(operation: .unknown, fromType: s[0], fromID: s[1])
        switch (method, s.count) {
        case (.get, 4), (.put, 4):
            route.operation = method == .get ? .listAssociations : .createAssociation
            route.toType = s[3]
        case (.put, 5), (.delete, 5):
            route.operation = method == .put ? .createLabeledAssociation : .deleteAssociation
            route.toType = s[3]
            route.toID = s[4]
        case (.put, 6) where s[3] == "default":
            route.operation = .createDefaultAssociation
            route.toType = s[4]
            route.toID = s[5]
        default:
            return SimulatorRoute(operation: .unknown)
        }
        return route
    }

    /// `/crm/v4/associations/…`
    private static func classifyAssociations(method: HTTPRequest.Method, _ s: [String]) -> SimulatorRoute {
        if s.first == "definitions" { return classifyDefinitions(method: method, Array(s.dropFirst())) }
        if s.count == 3, s[0] == "usage", s[1] == "high-usage-report", method == .post {
            return SimulatorRoute(operation: .highUsageReport, extra: s[2])
        }
        guard s.count >= 3 else { return SimulatorRoute(operation: .unknown) }
        var route = SimulatorRoute(operation: .unknown, fromType: s[0], toType: s[1])
        let tail = s.dropFirst(2).joined(separator: "/")
        switch (method, tail) {
        case (.post, "batch/read"): route.operation = .batchRead
        case (.post, "batch/create"): route.operation = .batchCreate
        case (.post, "batch/archive"): route.operation = .batchArchive
        case (.post, "batch/associate/default"): route.operation = .batchCreateDefault
        case (.post, "batch/labels/archive"): route.operation = .batchArchiveLabels
        case (.get, "labels"): route.operation = .listLabels
        case (.post, "labels"): route.operation = .createLabel
        case (.put, "labels"): route.operation = .updateLabel
        default:
            guard s.count == 4, s[2] == "labels", method == .put || method == .delete else { return SimulatorRoute(operation: .unknown) }
            route.operation = method == .put ? .updateLabel : .deleteLabel
            route.extra = s[3]
        }
        return route
    }

    /// `/crm/v4/associations/definitions[/configurations/…]`
    private static func classifyDefinitions(method: HTTPRequest.Method, _ s: [String]) -> SimulatorRoute {
        if s.isEmpty { return SimulatorRoute(operation: method == .get ? .listDefinitions : .unknown) }
        guard s[0] == "configurations" else { return SimulatorRoute(operation: .unknown) }
        switch (method, s.count) {
        case (.get, 2) where s[1] == "all":
            return SimulatorRoute(operation: .listAllConfigurations)
        case (.get, 3):
            return SimulatorRoute(operation: .listConfigurations, fromType: s[1], toType: s[2])
        case (.post, 5) where s[3] == "batch":
            let operation: SimulatorOperation? =
                switch s[4] {
                case "create": .batchCreateConfigurations
                case "update": .batchUpdateConfigurations
                case "purge": .batchPurgeConfigurations
                default: nil
                }
            guard let operation else { return SimulatorRoute(operation: .unknown) }
            return SimulatorRoute(operation: operation, fromType: s[1], toType: s[2])
        default:
            return SimulatorRoute(operation: .unknown)
        }
    }
}
