extension V3 {
    /// `CollectionResponsePublicAssociationDefinitionNoPaging`: the answer to v3
    /// `GET …/types`, `{results: [{id, name}]}`.
    package struct CollectionResponsePublicAssociationDefinitionNoPaging: Codable, Hashable, Sendable {
        /// Every type of the object pair.
        package var results: [PublicAssociationDefinition]

        /// Creates a collection.
        package init(results: [PublicAssociationDefinition]) {
            self.results = results
        }
    }
}
