extension V4 {
    /// `BatchAssociationCreateInput`: the body of v4 `batch/create`.
    package struct BatchAssociationCreateInput: Codable, Hashable, Sendable {
        /// One item per pair of records.
        package var inputs: [BatchAssociationCreateItem]

        /// Creates a batch.
        package init(inputs: [BatchAssociationCreateItem]) {
            self.inputs = inputs
        }
    }
}
