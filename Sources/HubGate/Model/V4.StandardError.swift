extension V4 {
    /// `StandardError`: one failed input inside a 207 batch answer, read leniently (HubSpot says every
    /// error field "should be treated as optional"; `subCategory` is sometimes not a string).
    package struct StandardError: Codable, Hashable, Sendable {
        /// `"error"` when present.
        package var status: String?
        /// The failed input's id, when given.
        package var id: String?
        /// HubSpot's error category.
        package var category: String?
        /// A finer reason (`crm.associations.NO_ASSOCIATIONS_FOUND`), when it is a string.
        package var subCategory: String?
        /// A sentence for a person.
        package var message: String?
        /// Details by name.
        package var context: [String: [String]]?
        /// Related links.
        package var links: [String: String]?
        /// Nested details.
        package var errors: [ErrorDetail]?

        /// Creates an error.
        package init(
            status: String? = "error",
            id: String? = nil,
            category: String?,
            subCategory: String? = nil,
            message: String?,
            context: [String: [String]]? = nil,
            links: [String: String]? = nil,
            errors: [ErrorDetail]? = nil
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

        private enum CodingKeys: String, CodingKey { case status, id, category, subCategory, message, context, links, errors }

        /// Reads leniently (see the type's description).
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            status = container.decodeLenientString(forKey: .status)
            id = (try? container.decodeRecordID(forKey: .id)) ?? nil
            category = container.decodeLenientString(forKey: .category)
            subCategory = container.decodeLenientString(forKey: .subCategory)
            message = container.decodeLenientString(forKey: .message)
            context = container.decodeLenientContext(forKey: .context)
            links = (try? container.decodeIfPresent([String: String].self, forKey: .links)) ?? nil
            errors = (try? container.decodeIfPresent([ErrorDetail].self, forKey: .errors)) ?? nil
        }
    }
}
