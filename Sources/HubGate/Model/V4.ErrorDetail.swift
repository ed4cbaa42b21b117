extension V4 {
    /// `ErrorDetail`: one entry of an error's `errors`. Every field but `message` is optional, and
    /// unreadable optional fields are dropped rather than failing the whole answer.
    package struct ErrorDetail: Codable, Hashable, Sendable {
        /// A sentence for a person.
        package var message: String
        /// A machine code.
        package var code: String?
        /// A finer reason.
        package var subCategory: String?
        /// Where the problem is (a field name).
        package var `in`: String?
        /// Details by name.
        package var context: [String: [String]]?

        /// Creates a detail.
        package init(message: String, code: String? = nil, subCategory: String? = nil, in: String? = nil, context: [String: [String]]? = nil) {
            self.message = message
            self.code = code
            self.subCategory = subCategory
            self.in = `in`
            self.context = context
        }

        private enum CodingKeys: String, CodingKey { case message, code, subCategory, `in`, context }

        /// Reads leniently (see the type's description).
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            message = container.decodeLenientString(forKey: .message) ?? ""
            code = container.decodeLenientString(forKey: .code)
            subCategory = container.decodeLenientString(forKey: .subCategory)
            self.in = container.decodeLenientString(forKey: .in)
            context = container.decodeLenientContext(forKey: .context)
        }
    }
}
