/// The operations the simulator knows, by their stable camelCase names.
///
/// These names key statistics, faults and recorded requests; tests and the control API use them, so
/// renaming one is a breaking change.
package enum SimulatorOperation: String, Sendable, CaseIterable, Codable, Hashable {
    /// `GET /crm/v4/objects/{from}/{id}/associations/{to}`.
    case listAssociations
    /// Seed `PUT /crm/v4/objects/{from}/{id}/associations/{to}` with `{to, types}`.
    case createAssociation
    /// Clients' `PUT …/associations/{to}/{toId}` with a bare array of specs.
    case createLabeledAssociation
    /// `PUT …/associations/default/{to}/{toId}`.
    case createDefaultAssociation
    /// `DELETE …/associations/{to}/{toId}`.
    case deleteAssociation
    /// `POST /crm/v4/associations/{from}/{to}/batch/read`.
    case batchRead
    /// `POST …/batch/create`.
    case batchCreate
    /// `POST …/batch/associate/default`.
    case batchCreateDefault
    /// `POST …/batch/archive`.
    case batchArchive
    /// `POST …/batch/labels/archive`.
    case batchArchiveLabels
    /// `GET …/labels`.
    case listLabels
    /// `POST …/labels`.
    case createLabel
    /// `PUT …/labels/{typeId}` (seed) or `PUT …/labels` (clients).
    case updateLabel
    /// `DELETE …/labels/{typeId}`.
    case deleteLabel
    /// `GET /crm/v4/associations/definitions` (seed spec only).
    case listDefinitions
    /// `GET …/definitions/configurations/all`.
    case listAllConfigurations
    /// `GET …/definitions/configurations/{from}/{to}`.
    case listConfigurations
    /// `POST …/configurations/{from}/{to}/batch/create`.
    case batchCreateConfigurations
    /// `POST …/configurations/{from}/{to}/batch/update`.
    case batchUpdateConfigurations
    /// `POST …/configurations/{from}/{to}/batch/purge`.
    case batchPurgeConfigurations
    /// `POST /crm/v4/associations/usage/high-usage-report/{userId}`.
    case highUsageReport
    /// A HubSpot-looking request that matches no route (answered 404).
    case unknown
}
