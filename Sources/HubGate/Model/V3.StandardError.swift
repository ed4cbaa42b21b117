extension V3 {
    /// `StandardError`: one failed input inside a 207 batch answer. Every field the v3 spec marks
    /// required (`status`, `category`, `message`, `context`, `links`, `errors`) is always written.
    package struct StandardError: Codable, Hashable, Sendable {
        /// Always `"error"`.
        package var status: String
        /// The failed input's id, when HubSpot gives one.
        package var id: String?
        /// HubSpot's error category (`OBJECT_NOT_FOUND`, `VALIDATION_ERROR`, …).
        package var category: String
        /// A finer reason (`crm.associations.NO_ASSOCIATIONS_FOUND`).
        package var subCategory: String?
        /// A sentence for a person.
        package var message: String
        /// Details by name (`fromObjectId: ["515690208449"]`).
        package var context: [String: [String]]
        /// Related links.
        package var links: [String: String]
        /// Nested details.
        package var errors: [V4.ErrorDetail]

        /// Creates an error.
        package init(
            status: String = "error",
            id: String? = nil,
            category: String,
            subCategory: String? = nil,
            message: String,
            context: [String: [String]] = [:],
            links: [String: String] = [:],
            errors: [V4.ErrorDetail] = []
        ) {
            self.status = status
            self.id = id
            self.category = category
            self.subCategory = subCategory
            self.message = message
            self.context = context
            self.links = links
            self.errors = errors
        }
    }
}
