extension V4 {
    /// `Association` (HubSpot's `MultiAssociatedObjectWithLabel`): one associated record with every
    /// type it is associated under. `toObjectId` may arrive as a string (seed) or a number (HubSpot).
    package struct Association: Codable, Hashable, Sendable {
        /// The associated record's id.
        package var toObjectId: String
        /// Its association types.
        package var associationTypes: [AssociationType]

        /// Creates an association.
        package init(toObjectId: String, associationTypes: [AssociationType]) {
            self.toObjectId = toObjectId
            self.associationTypes = associationTypes
        }

        private enum CodingKeys: String, CodingKey { case toObjectId, associationTypes }

        /// Accepts `toObjectId` as a JSON string or integer.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            toObjectId = try container.decodeRecordID(forKey: .toObjectId)
            associationTypes = try container.decode([AssociationType].self, forKey: .associationTypes)
        }
    }
}
