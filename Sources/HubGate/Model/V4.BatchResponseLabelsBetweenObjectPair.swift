extension V4 {
    /// `BatchResponseLabelsBetweenObjectPair[WithErrors]`: the answer to v4 `batch/create` (201/207 from
    /// HubSpot; 200 with `errors` from the seed dialect).
    package struct BatchResponseLabelsBetweenObjectPair: Codable, Hashable, Sendable {
        /// `COMPLETE`, usually.
        package var status: String
        /// One result per pair written.
        package var results: [LabelsBetweenObjectPair]
        /// When the batch was requested.
        package var requestedAt: String?
        /// When processing started.
        package var startedAt: String
        /// When processing completed.
        package var completedAt: String
        /// How many inputs failed.
        package var numErrors: Int?
        /// The failures.
        package var errors: [StandardError]?

        /// Creates a response.
        package init(
            status: String = "COMPLETE",
            results: [LabelsBetweenObjectPair],
            requestedAt: String? = nil,
            startedAt: String,
            completedAt: String,
            numErrors: Int? = nil,
            errors: [StandardError]? = nil
        ) {
            self.status = status
            self.results = results
            self.requestedAt = requestedAt
            self.startedAt = startedAt
            self.completedAt = completedAt
            self.numErrors = numErrors
            self.errors = errors
        }
    }
}
