extension V3 {
    /// `PublicAssociationDefinition`: one association type, `{id: "1", name: "contact_to_company"}`.
    /// The id is the v4 type id written as a string.
    package struct PublicAssociationDefinition: Codable, Hashable, Sendable {
        /// The numeric type id as a string.
        package var id: String
        /// The v3 type name.
        package var name: String

        /// Creates a definition.
        package init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }
}
