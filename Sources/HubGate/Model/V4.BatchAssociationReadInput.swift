extension V4 {
    /// `BatchAssociationReadInput`: the body of v4 `batch/read`, `{inputs: [{id}]}`.
    package struct BatchAssociationReadInput: Codable, Hashable, Sendable {
        /// The records to read.
        package var inputs: [ObjectReference]

        /// Creates a batch.
        package init(inputs: [ObjectReference]) {
            self.inputs = inputs
        }
    }
}
