extension V3 {
    /// `BatchResponsePublicAssociation` (201) and its `…WithErrors` twin (207): the answer to v3
    /// `batch/create`, one `{from, to, type}` per created association.
    package struct BatchResponsePublicAssociation: Codable, Hashable, Sendable {
        /// `COMPLETE` (or another batch status, passed through).
        package var status: String
        /// The associations created.
        package var results: [PublicAssociation]
        /// How many inputs failed (207 only).
        package var numErrors: Int?
        /// The failures (207 only).
        package var errors: [StandardError]?
        /// When the batch was requested, if the upstream said.
        package var requestedAt: String?
        /// When processing started.
        package var startedAt: String
        /// When processing completed.
        package var completedAt: String

        /// Creates a response.
        package init(
            status: String,
            results: [PublicAssociation],
            numErrors: Int? = nil,
            errors: [StandardError]? = nil,
            requestedAt: String? = nil,
            startedAt: String,
            completedAt: String
        ) {
            self.status = status
            self.results = results
            self.numErrors = numErrors
            self.errors = errors
            self.requestedAt = requestedAt
            self.startedAt = startedAt
            self.completedAt = completedAt
        }
    }
}
