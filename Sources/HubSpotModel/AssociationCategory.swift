/// Who defined an association type. A type id is unique only within its category.
package enum AssociationCategory: String, Codable, Hashable, Sendable, CaseIterable {
    case hubSpotDefined = "HUBSPOT_DEFINED"
    case userDefined = "USER_DEFINED"
    case integratorDefined = "INTEGRATOR_DEFINED"
    case work = "WORK"
}
