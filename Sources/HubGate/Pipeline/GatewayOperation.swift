import HTTPTypes

/// One HubSpot associations operation HubGate serves, with what the gateway must know about it.
package struct GatewayOperation: Sendable, Hashable {
    /// HubSpot's operation id (`batchReadAssociations`), used in logs and metrics.
    package let name: String
    /// The path template (`/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read`): a bounded
    /// metric dimension, unlike raw paths.
    package let template: String
    /// The scope a client needs to call it.
    package let scope: ClientScope
    /// Whether a JSON request body is expected (checked for syntax before any upstream call).
    package let expectsJSONBody: Bool
    /// True for the legacy v3 API, which HubGate translates to v4.
    package let isV3: Bool

    /// `v3` or `v4`: the API version as metrics and the access log name it.
    package var version: String { isV3 ? "v3" : "v4" }

    /// Whether the call may be repeated when its outcome is unknown: reads, `batch/read` and
    /// idempotent PUT/DELETE may; creates and archive batches may not.
    package func callKind(method: HTTPRequest.Method) -> UpstreamCallKind {
        if name == "batchReadAssociations" || name == "v3BatchReadAssociations" { return .batchRead }
        switch method {
        case .get: return .read
        case .put, .delete: return .idempotentWrite
        default: return name.contains("Archive") || name.contains("Purge") ? .batchArchive : .create
        }
    }

    /// Creates an operation description.
    package init(name: String, template: String, scope: ClientScope, expectsJSONBody: Bool, isV3: Bool = false) {
        self.name = name
        self.template = template
        self.scope = scope
        self.expectsJSONBody = expectsJSONBody
        self.isV3 = isV3
    }
}
