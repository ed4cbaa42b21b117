extension V3 {
    /// `BatchInputPublicObjectId`: the body of v3 `batch/read`, `{inputs: [{id}]}`.
    package struct BatchInputPublicObjectId: Codable, Hashable, Sendable {
        /// The source records whose associations are read.
        package var inputs: [PublicObjectId]

        /// Creates a batch.
        package init(inputs: [PublicObjectId]) {
            self.inputs = inputs
        }
    }
}
