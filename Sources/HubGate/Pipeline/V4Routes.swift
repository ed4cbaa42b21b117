import HTTPTypes

/// Every v4 associations operation HubGate forwards: the seed contract's eleven and the forms the
/// official HubSpot clients send (reference §3.1).
enum V4Routes {
    /// Checked in order; literal-heavy shapes come before parameter-heavy ones of the same length.
    static let patterns: [RoutePattern] = [
        RoutePattern("/crm/v4/associations/definitions", [
            .get: ("listAssociationDefinitions", .read, false),
        ]),
        RoutePattern("/crm/v4/associations/definitions/configurations/all", [
            .get: ("listAllAssociationLimitConfigurations", .read, false),
        ]),
        RoutePattern("/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}", [
            .get: ("listAssociationLimitConfigurations", .read, false),
        ]),
        RoutePattern("/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create", [
            .post: ("batchCreateAssociationLimitConfigurations", .write, true),
        ]),
        RoutePattern("/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/update", [
            .post: ("batchUpdateAssociationLimitConfigurations", .write, true),
        ]),
        RoutePattern("/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge", [
            .post: ("batchPurgeAssociationLimitConfigurations", .write, true),
        ]),
        RoutePattern("/crm/v4/associations/usage/high-usage-report/{userId}", [
            .post: ("requestHighUsageReport", .read, false),
        ]),
        RoutePattern("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read", [
            .post: ("batchReadAssociations", .read, true),
        ]),
        RoutePattern("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create", [
            .post: ("batchCreateAssociations", .write, true),
        ]),
        RoutePattern("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/archive", [
            .post: ("batchArchiveAssociations", .write, true),
        ]),
        RoutePattern("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default", [
            .post: ("batchCreateDefaultAssociations", .write, true),
        ]),
        RoutePattern("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/labels/archive", [
            .post: ("batchArchiveAssociationLabels", .write, true),
        ]),
        RoutePattern("/crm/v4/associations/{fromObjectType}/{toObjectType}/labels", [
            .get: ("listAssociationLabels", .read, false),
            .post: ("createAssociationLabel", .write, true),
            .put: ("updateAssociationLabelByBody", .write, true),
        ]),
        RoutePattern("/crm/v4/associations/{fromObjectType}/{toObjectType}/labels/{associationTypeId}", [
            .put: ("updateAssociationLabel", .write, true),
            .delete: ("deleteAssociationLabel", .write, false),
        ]),
        RoutePattern("/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/{toObjectType}", [
            .get: ("listObjectAssociations", .read, false),
            .put: ("createObjectAssociation", .write, true),
        ]),
        RoutePattern("/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}", [
            .put: ("createDefaultObjectAssociation", .write, false),
        ]),
        RoutePattern("/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/{toObjectType}/{toObjectId}", [
            .put: ("createLabeledObjectAssociation", .write, true),
            .delete: ("deleteObjectAssociation", .write, false),
        ]),
    ]
}
