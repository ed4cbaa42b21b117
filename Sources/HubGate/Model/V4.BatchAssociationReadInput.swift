extension V4 {
    /// `BatchAssociationReadInput`: the body of v4 `batch/read`, `{inputs: [{id, after?}]}`.
    package struct BatchAssociationReadInput: Codable, Hashable, Sendable {
        /// The records to read.
        package var inputs: [FetchAssociationsInput]

        /// Creates a batch.
        package init(inputs: [FetchAssociationsInput]) {
            self.inputs = inputs
        }
    }
}
