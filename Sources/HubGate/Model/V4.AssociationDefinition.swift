import HubSpotModel

extension V4 {
    /// `AssociationDefinition`: one entry of the seed spec's `GET /crm/v4/associations/definitions`,
    /// the only v4 answer that carries a type's internal `name` (its v3 name).
    ///
    /// `id` is the type id as a string in the simulator (the seed spec's example shows a name there;
    /// such entries cannot be keyed and are ignored by the catalog).
    package struct AssociationDefinition: Codable, Hashable, Sendable {
        /// The type id, as a string.
        package var id: String
        /// Source object type id (`0-1`).
        package var fromObjectTypeId: String
        /// Target object type id.
        package var toObjectTypeId: String
        /// The internal name (v3 type name).
        package var name: String?
        /// The display label.
        package var label: String?
        /// The label of the inverse type.
        package var inverseLabel: String?
        /// Who defined the type.
        package var category: AssociationCategory?

        /// Creates a definition.
        package init(
            id: String,
            fromObjectTypeId: String,
            toObjectTypeId: String,
            name: String?,
            label: String? = nil,
            inverseLabel: String? = nil,
            category: AssociationCategory?
        ) {
            self.id = id
            self.fromObjectTypeId = fromObjectTypeId
            self.toObjectTypeId = toObjectTypeId
            self.name = name
            self.label = label
            self.inverseLabel = inverseLabel
            self.category = category
        }

        private enum CodingKeys: String, CodingKey { case id, fromObjectTypeId, toObjectTypeId, name, label, inverseLabel, category }

        /// Accepts `id` as a string or an integer; an unknown category reads as nil.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeRecordID(forKey: .id)
            fromObjectTypeId = try container.decode(String.self, forKey: .fromObjectTypeId)
            toObjectTypeId = try container.decode(String.self, forKey: .toObjectTypeId)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            label = try container.decodeIfPresent(String.self, forKey: .label)
            inverseLabel = try container.decodeIfPresent(String.self, forKey: .inverseLabel)
            category = container.decodeLenientString(forKey: .category).flatMap(AssociationCategory.init(rawValue:))
        }
    }
}
