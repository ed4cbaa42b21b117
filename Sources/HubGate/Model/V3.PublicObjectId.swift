extension V3 {
    /// `PublicObjectId`: a record named by its id (`{"id": "53628"}`).
    package struct PublicObjectId: Codable, Hashable, Sendable {
        /// The record id, always written as a string.
        package var id: String
        /// In a `batch/read` input, where to continue the record's associations: the
        /// `paging.next.after` of an earlier answer for it. Not in v3's schema, whose answers page at
        /// 100 with links a gateway cannot serve; HubGate answers with v4's pages (up to 500) and
        /// their cursor, and reads this back so that the cursor leads somewhere.
        package var after: String?

        /// Creates a reference.
        package init(id: String, after: String? = nil) {
            self.id = id
            self.after = after
        }

        private enum CodingKeys: String, CodingKey { case id, after }

        /// Accepts the id as a JSON string or integer.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeRecordID(forKey: .id)
            after = try container.decodeIfPresent(String.self, forKey: .after)
        }
    }
}
