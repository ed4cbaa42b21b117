extension V4 {
    /// `AssociationDefinitionCollection`: one page of `GET /crm/v4/associations/definitions`.
    package struct AssociationDefinitionCollection: Codable, Hashable, Sendable {
        /// The definitions on this page.
        package var results: [AssociationDefinition]
        /// The next page, if any.
        package var paging: Paging?

        /// Creates a page.
        package init(results: [AssociationDefinition], paging: Paging? = nil) {
            self.results = results
            self.paging = paging
        }
    }
}
