import HTTPTypes

/// The legacy v3 associations operations HubGate accepts and translates to v4
/// (`shared/spec/v3-associations.md`).
enum V3Routes {
    /// The four v3 endpoints.
    static let patterns: [RoutePattern] = [
        RoutePattern("/crm/v3/associations/{fromObjectType}/{toObjectType}/types", [
            .get: ("v3ListAssociationTypes", .read, false),
        ]),
        RoutePattern("/crm/v3/associations/{fromObjectType}/{toObjectType}/batch/read", [
            .post: ("v3BatchReadAssociations", .read, true),
        ]),
        RoutePattern("/crm/v3/associations/{fromObjectType}/{toObjectType}/batch/create", [
            .post: ("v3BatchCreateAssociations", .write, true),
        ]),
        RoutePattern("/crm/v3/associations/{fromObjectType}/{toObjectType}/batch/archive", [
            .post: ("v3BatchArchiveAssociations", .write, true),
        ]),
    ]
}
