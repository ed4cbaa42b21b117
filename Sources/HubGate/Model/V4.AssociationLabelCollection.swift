extension V4 {
    /// `AssociationLabelCollection`: the answer to `GET …/labels` (`{results, paging?}`) and to a label
    /// create in HubSpot's vocabulary (`{results: [new, inverse?]}`).
    ///
    /// Also decodes the seed dialect's label-create answer, a single `AssociationLabel`, as a
    /// collection of one.
    package struct AssociationLabelCollection: Codable, Hashable, Sendable {
        /// The labels.
        package var results: [AssociationLabel]
        /// Further pages (seed spec only; HubSpot's list has none).
        package var paging: Paging?

        /// Creates a collection.
        package init(results: [AssociationLabel], paging: Paging? = nil) {
            self.results = results
            self.paging = paging
        }

        private enum CodingKeys: String, CodingKey { case results, paging }

        /// Reads a collection, or one bare label as a collection of one.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.results) {
                results = try container.decode([AssociationLabel].self, forKey: .results)
                paging = try container.decodeIfPresent(Paging.self, forKey: .paging)
            } else {
                results = [try AssociationLabel(from: decoder)]
                paging = nil
            }
        }
    }
}
