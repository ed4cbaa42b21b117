extension V3 {
    /// `PublicObjectId`: a record named by its id (`{"id": "53628"}`).
    package struct PublicObjectId: Codable, Hashable, Sendable {
        /// The record id, always written as a string.
        package var id: String

        /// Creates a reference.
        package init(id: String) {
            self.id = id
        }

        private enum CodingKeys: String, CodingKey { case id }

        /// Accepts the id as a JSON string or integer.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeRecordID(forKey: .id)
        }
    }
}
