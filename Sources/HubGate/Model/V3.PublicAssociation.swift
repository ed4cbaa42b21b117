extension V3 {
    /// `PublicAssociation`: one association of one type, `{from: {id}, to: {id}, type}`; an input of
    /// `batch/create` and `batch/archive`, and a result of `batch/create`.
    package struct PublicAssociation: Codable, Hashable, Sendable {
        /// The source record.
        package var from: PublicObjectId
        /// The target record.
        package var to: PublicObjectId
        /// The v3 type name (`contact_to_company`, a custom label's internal name).
        package var type: String

        /// Creates an association.
        package init(from: PublicObjectId, to: PublicObjectId, type: String) {
            self.from = from
            self.to = to
            self.type = type
        }
    }
}
