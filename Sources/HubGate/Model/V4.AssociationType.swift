import HubSpotModel

extension V4 {
    /// `AssociationType`: one type on an association in a response. Decodes the seed spec's
    /// `{associationCategory, associationTypeId, label?}` and real HubSpot's
    /// `{category, typeId, label}` (`AssociationSpecWithLabel`); encodes the seed form.
    package struct AssociationType: Codable, Hashable, Sendable {
        /// Who defined the type.
        package var associationCategory: AssociationCategory
        /// The type id within its category.
        package var associationTypeId: Int
        /// The display label; nil for unlabeled types.
        package var label: String?

        /// Creates a type.
        package init(associationCategory: AssociationCategory, associationTypeId: Int, label: String? = nil) {
            self.associationCategory = associationCategory
            self.associationTypeId = associationTypeId
            self.label = label
        }

        /// The same type as a catalog key.
        package var key: AssociationTypeKey {
            AssociationTypeKey(associationCategory, associationTypeId)
        }

        private enum CodingKeys: String, CodingKey {
            case associationCategory, associationTypeId, label, category, typeId
        }

        /// Reads either vocabulary; the seed names win when both are present.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.associationCategory) || !container.contains(.category) {
                associationCategory = try container.decode(AssociationCategory.self, forKey: .associationCategory)
            } else {
                associationCategory = try container.decode(AssociationCategory.self, forKey: .category)
            }
            if container.contains(.associationTypeId) || !container.contains(.typeId) {
                associationTypeId = try container.decode(Int.self, forKey: .associationTypeId)
            } else {
                associationTypeId = try container.decode(Int.self, forKey: .typeId)
            }
            label = try container.decodeIfPresent(String.self, forKey: .label)
        }

        /// Writes the seed form.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(associationCategory, forKey: .associationCategory)
            try container.encode(associationTypeId, forKey: .associationTypeId)
            try container.encodeIfPresent(label, forKey: .label)
        }
    }
}
