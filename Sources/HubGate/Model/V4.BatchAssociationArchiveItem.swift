extension V4 {
    /// `BatchAssociationArchiveItem` with `types`: one input of `batch/labels/archive`
    /// (`{from: {id}, to: {id}, types}`), which removes only the listed types.
    package struct BatchAssociationArchiveItem: Codable, Hashable, Sendable {
        /// The source record.
        package var from: ObjectReference
        /// The target record.
        package var to: ObjectReference
        /// The types to remove.
        package var types: [AssociationTypeInput]

        /// Creates an item.
        package init(from: ObjectReference, to: ObjectReference, types: [AssociationTypeInput]) {
            self.from = from
            self.to = to
            self.types = types
        }
    }
}
