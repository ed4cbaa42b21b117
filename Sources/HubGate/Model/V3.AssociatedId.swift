extension V3 {
    /// `AssociatedId`: one associated record under one type, `{id, type}`.
    package struct AssociatedId: Codable, Hashable, Sendable {
        /// The associated record's id.
        package var id: String
        /// The v3 type name.
        package var type: String

        /// Creates an entry.
        package init(id: String, type: String) {
            self.id = id
            self.type = type
        }
    }
}
