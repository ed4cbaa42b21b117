/// One HubSpot-defined association type in one direction, as HubSpot's "association type IDs" page lists it.
package struct DefaultAssociationType: Hashable, Sendable {
    /// The role of a HubSpot-defined type between two objects.
    package enum Role: Hashable, Sendable {
        /// The primary association (e.g. a contact's primary company); listed as `Primary`.
        case primary
        /// The unlabeled association every linked pair has (`label: null`).
        case unlabeled
        /// A HubSpot-defined labeled type that is neither (parent/child company).
        case labeled
    }

    /// Source object.
    package let from: StandardObject
    /// Target object.
    package let to: StandardObject
    /// The HUBSPOT_DEFINED type id for this direction.
    package let typeID: Int
    /// The v3 type name (`contact_to_company`).
    package let v3Name: String
    /// The display label v4 reports, or nil for unlabeled types.
    package let label: String?
    /// What the type means.
    package let role: Role
}
