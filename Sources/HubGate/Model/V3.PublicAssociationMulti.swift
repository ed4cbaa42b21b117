extension V3 {
    /// `PublicAssociationMulti`: one `batch/read` result, `{from: {id}, to: [{id, type}], paging?}`,
    /// with one `to` entry per association type (a record with two types appears twice).
    package struct PublicAssociationMulti: Codable, Hashable, Sendable {
        /// The record that was read.
        package var from: PublicObjectId
        /// Its associations, one per (record, type).
        package var to: [AssociatedId]
        /// Present when the upstream has more associations for this record.
        package var paging: V4.Paging?

        /// Creates a result.
        package init(from: PublicObjectId, to: [AssociatedId], paging: V4.Paging? = nil) {
            self.from = from
            self.to = to
            self.paging = paging
        }
    }
}
