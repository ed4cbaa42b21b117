extension V3 {
    /// `BatchInputPublicAssociation`: the body of v3 `batch/create` and `batch/archive`.
    package struct BatchInputPublicAssociation: Codable, Hashable, Sendable {
        /// The associations to create or remove.
        package var inputs: [PublicAssociation]

        /// Creates a batch.
        package init(inputs: [PublicAssociation]) {
            self.inputs = inputs
        }
    }
}
