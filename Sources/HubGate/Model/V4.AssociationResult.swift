extension V4 {
    /// `AssociationResult` (HubSpot's `PublicAssociationMultiWithLabel`): one `batch/read` result.
    package struct AssociationResult: Codable, Hashable, Sendable {
        /// The record that was read.
        package var from: ObjectReference
        /// Its associated records.
        package var to: [Association]
        /// Present when the record has more associations than this page holds.
        package var paging: Paging?

        /// Creates a result.
        package init(from: ObjectReference, to: [Association], paging: Paging? = nil) {
            self.from = from
            self.to = to
            self.paging = paging
        }
    }
}
