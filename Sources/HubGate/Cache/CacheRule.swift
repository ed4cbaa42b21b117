import HubSpotModel

/// What the cache does for one classified request.
package enum CacheRole: Sendable, Equatable {
    /// Nothing: forward as is.
    case none
    /// A cacheable read with its normalised key and the tags that invalidate it.
    case read(key: CacheKey, tags: Set<CacheTag>)
    /// A write that, once HubSpot accepted it (or its outcome is unknown), makes these tags wrong.
    case invalidate(tags: Set<CacheTag>)
}

/// Which operations the cache serves and which ones invalidate it. Pure.
package enum CacheRule {
    /// The cache role of `route`, whose query string (for paging) is `query`.
    package static func role(for route: ClassifiedRoute, query: String?) -> CacheRole {
        switch route.operation.name {
        case "listAssociationLabels":
            guard let from = route.fromObjectType, let to = route.toObjectType else { return .none }
            return .read(key: .labels(from: from, to: to), tags: [.pair(from: from, to: to)])
        case "listAssociationDefinitions":
            let parameters = Self.parameters(of: query)
            return .read(key: .definitions(after: parameters["after"], limit: parameters["limit"]), tags: [.definitions])
        case "createAssociationLabel", "updateAssociationLabel", "updateAssociationLabelByBody", "deleteAssociationLabel":
            guard let from = route.fromObjectType, let to = route.toObjectType else { return .none }
            // A label belongs to both directions of its pair (paired labels have an inverse) and to
            // the definitions list.
            return .invalidate(tags: [.pair(from: from, to: to), .pair(from: to, to: from), .definitions])
        default:
            return .none
        }
    }

    /// The first value of each query parameter, undecoded (cursors are opaque and compared as sent).
    private static func parameters(of query: String?) -> [String: String] {
        var parameters: [String: String] = [:]
        for item in (query ?? "").split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            if parameters[name] == nil {
                parameters[name] = parts.count > 1 ? String(parts[1]) : ""
            }
        }
        return parameters
    }
}
