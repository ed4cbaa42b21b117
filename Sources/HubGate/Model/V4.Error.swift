extension V4 {
    /// `Error`: the body of a non-2xx v4 answer, read leniently: every field may be missing (HubSpot
    /// says to treat them all as optional) and 429s add `policyName` and `errorType`.
    package struct Error: Codable, Hashable, Sendable {
        /// `"error"` when present.
        package var status: String?
        /// A sentence for a person.
        package var message: String?
        /// HubSpot's uuid for this failure.
        package var correlationId: String?
        /// HubSpot's error category.
        package var category: String?
        /// A finer reason, when it is a string.
        package var subCategory: String?
        /// Details by name.
        package var context: [String: [String]]?
        /// Related links.
        package var links: [String: String]?
        /// Nested details.
        package var errors: [ErrorDetail]?
        /// On 429s: which limit.
        package var policyName: String?
        /// On 429s: `RATE_LIMIT`.
        package var errorType: String?

        /// Creates an error body.
        package init(
            status: String? = "error",
            message: String?,
            correlationId: String?,
            category: String?,
            subCategory: String? = nil,
            context: [String: [String]]? = nil,
            links: [String: String]? = nil,
            errors: [ErrorDetail]? = nil,
            policyName: String? = nil,
            errorType: String? = nil
        ) {
            self.status = status
            self.message = message
            self.correlationId = correlationId
            self.category = category
            self.subCategory = subCategory
            self.context = context
            self.links = links
            self.errors = errors
            self.policyName = policyName
            self.errorType = errorType
        }

        private enum CodingKeys: String, CodingKey {
            case status, message, correlationId, category, subCategory, context, links, errors, policyName, errorType
        }

        /// Reads leniently (see the type's description).
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            status = container.decodeLenientString(forKey: .status)
            message = container.decodeLenientString(forKey: .message)
            correlationId = container.decodeLenientString(forKey: .correlationId)
            category = container.decodeLenientString(forKey: .category)
            subCategory = container.decodeLenientString(forKey: .subCategory)
            context = container.decodeLenientContext(forKey: .context)
            links = (try? container.decodeIfPresent([String: String].self, forKey: .links)) ?? nil
            errors = (try? container.decodeIfPresent([ErrorDetail].self, forKey: .errors)) ?? nil
            policyName = container.decodeLenientString(forKey: .policyName)
            errorType = container.decodeLenientString(forKey: .errorType)
        }
    }
}
