extension V4 {
    /// `ObjectReference`: a record named by its id. Decodes ids given as strings or JSON integers.
    package struct ObjectReference: Codable, Hashable, Sendable {
        /// The record id.
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
