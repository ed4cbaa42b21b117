extension V4 {
    /// `CreateLabelInput`: the body of `POST …/labels`, `{label, name, inverseLabel?}`. Its `name` is
    /// the new type's v3 name, which no v4 answer repeats.
    package struct CreateLabelInput: Codable, Hashable, Sendable {
        /// The display label.
        package var label: String
        /// The internal name.
        package var name: String
        /// The inverse direction's display label, for paired labels.
        package var inverseLabel: String?

        /// Creates a label request.
        package init(label: String, name: String, inverseLabel: String? = nil) {
            self.label = label
            self.name = name
            self.inverseLabel = inverseLabel
        }
    }
}
