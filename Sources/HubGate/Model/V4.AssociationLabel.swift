import HubSpotModel

extension V4 {
    /// `AssociationLabel` (HubSpot's `AssociationSpecWithLabel` in label lists): `{typeId, label,
    /// category}` in either key order; `label` is null for unlabeled types. It carries no `name`.
    package struct AssociationLabel: Codable, Hashable, Sendable {
        /// The type id within its category.
        package var typeId: Int
        /// The display label; nil for unlabeled types.
        package var label: String?
        /// Who defined the type.
        package var category: AssociationCategory

        /// Creates a label.
        package init(typeId: Int, label: String?, category: AssociationCategory) {
            self.typeId = typeId
            self.label = label
            self.category = category
        }

        /// The same type as a catalog key.
        package var key: AssociationTypeKey {
            AssociationTypeKey(category, typeId)
        }
    }
}
