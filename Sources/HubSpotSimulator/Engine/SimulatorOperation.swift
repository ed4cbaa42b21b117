/// The operations the simulator knows, by their stable camelCase names.
///
/// These names key statistics, faults and recorded requests; tests and the control API use them, so
/// renaming one is a breaking change.
package enum SimulatorOperation: String, Sendable, CaseIterable, Codable, Hashable {
    case listAssociations
    case createAssociation
    case createLabeledAssociation
    case createDefaultAssociation
    case deleteAssociation
    case batchRead
    case batchCreate
    case batchCreateDefault
    case batchArchive
    case batchArchiveLabels
    case listLabels
    case createLabel
    case updateLabel
    case deleteLabel
    case listDefinitions
    case listAllConfigurations
    case listConfigurations
    case batchCreateConfigurations
    case batchUpdateConfigurations
    case batchPurgeConfigurations
    case highUsageReport
    /// A HubSpot-looking request that matches no route (answered 404).
    case unknown
}
