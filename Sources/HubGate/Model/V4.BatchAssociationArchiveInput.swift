extension V4 {
    /// `BatchAssociationArchiveInput`: the body of v4 `batch/labels/archive` (and of the seed form of
    /// `batch/archive` with `types`).
    package struct BatchAssociationArchiveInput: Codable, Hashable, Sendable {
        /// One item per pair of records.
        package var inputs: [BatchAssociationArchiveItem]

        /// Creates a batch.
        package init(inputs: [BatchAssociationArchiveItem]) {
            self.inputs = inputs
        }
    }
}
