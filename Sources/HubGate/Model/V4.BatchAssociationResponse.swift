extension V4 {
    /// `BatchAssociationResponse` (HubSpot's `BatchResponsePublicAssociationMultiWithLabel[WithErrors]`):
    /// the answer to v4 `batch/read`, 200 or 207.
    package struct BatchAssociationResponse: Codable, Hashable, Sendable {
        /// `COMPLETE`, `PENDING`, `PROCESSING` or `CANCELED`.
        package var status: String
        /// One result per record read.
        package var results: [AssociationResult]
        /// When the batch was requested.
        package var requestedAt: String?
        /// When processing started.
        package var startedAt: String
        /// When processing completed.
        package var completedAt: String
        /// How many inputs failed.
        package var numErrors: Int?
        /// The failures (`NO_ASSOCIATIONS_FOUND` for records without associations, in HubSpot).
        package var errors: [StandardError]?

        /// Creates a response.
        package init(
            status: String = "COMPLETE",
            results: [AssociationResult],
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
