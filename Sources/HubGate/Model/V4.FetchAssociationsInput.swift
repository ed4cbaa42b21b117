extension V4 {
    /// `FetchAssociationsInput` (HubSpot's `PublicFetchAssociationsBatchRequest`): one record of a v4
    /// `batch/read`, `{id, after?}`. `after` continues the record's associations from the
    /// `paging.next.after` of an earlier answer.
    package struct FetchAssociationsInput: Codable, Hashable, Sendable {
        /// The record id.
        package var id: String
        /// Where to continue, when this is not the first page.
        package var after: String?

        /// Creates an input.
        package init(id: String, after: String? = nil) {
            self.id = id
            self.after = after
        }
    }
}
