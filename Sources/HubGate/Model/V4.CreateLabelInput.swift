extension V4 {
    /// `CreateLabelInput`: the body of `POST …/labels`, `{label, name, inverseLabel?}`. Its `name` is
    /// the new type's v3 name, which no v4 answer repeats.
    ///
    /// `inverseName` is not in HubSpot's schema; a client may send it to name the inverse type of a
    /// paired label differently in v3 (HubSpot ignores unknown fields). Without it both directions
    /// share `name`.
    package struct CreateLabelInput: Codable, Hashable, Sendable {
        /// The display label.
        package var label: String
        /// The internal name.
        package var name: String
        /// The inverse direction's display label, for paired labels.
        package var inverseLabel: String?
        /// The inverse direction's v3 name, when the client gave one.
        package var inverseName: String?

        /// Creates a label request.
        package init(label: String, name: String, inverseLabel: String? = nil, inverseName: String? = nil) {
            self.label = label
            self.name = name
            self.inverseLabel = inverseLabel
            self.inverseName = inverseName
        }
    }
}
