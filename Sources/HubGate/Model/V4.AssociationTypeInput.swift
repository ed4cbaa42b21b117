import HubSpotModel

extension V4 {
    /// `AssociationTypeInput` (HubSpot's `AssociationSpec`): `{associationCategory, associationTypeId}`
    /// in create and archive requests.
    package struct AssociationTypeInput: Codable, Hashable, Sendable {
        /// Who defined the type.
        package var associationCategory: AssociationCategory
        /// The type id within its category.
        package var associationTypeId: Int

        /// Creates a type reference.
        package init(associationCategory: AssociationCategory, associationTypeId: Int) {
            self.associationCategory = associationCategory
            self.associationTypeId = associationTypeId
        }

        /// The same type as a catalog key.
        package var key: AssociationTypeKey {
            AssociationTypeKey(associationCategory, associationTypeId)
        }

        /// The type a catalog key names.
        package init(_ key: AssociationTypeKey) {
            self.init(associationCategory: key.category, associationTypeId: key.typeID)
        }
    }
}
