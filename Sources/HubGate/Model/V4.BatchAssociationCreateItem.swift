extension V4 {
    /// `BatchAssociationCreateItem` (HubSpot's `PublicAssociationMultiPost`): one pair of records and
    /// the types to write between them.
    package struct BatchAssociationCreateItem: Codable, Hashable, Sendable {
        /// The source record.
        package var from: ObjectReference
        /// The target record.
        package var to: ObjectReference
        /// The types to write.
        package var types: [AssociationTypeInput]

        /// Creates an item.
        package init(from: ObjectReference, to: ObjectReference, types: [AssociationTypeInput]) {
            self.from = from
            self.to = to
            self.types = types
        }
    }
}
