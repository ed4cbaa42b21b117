extension V4 {
    /// `LabelsBetweenObjectPair`: one `batch/create` result in HubSpot's vocabulary,
    /// `{fromObjectTypeId, fromObjectId, toObjectTypeId, toObjectId, labels}`.
    ///
    /// Also decodes the seed dialect's `batch/create` result, an `AssociationResult`
    /// `{from: {id}, to: [{toObjectId, associationTypes}]}`: the first `to` gives `toObjectId` and its
    /// types' labels give `labels`.
    package struct LabelsBetweenObjectPair: Codable, Hashable, Sendable {
        /// The source object type id (`0-1`), when given.
        package var fromObjectTypeId: String?
        /// The source record.
        package var fromObjectId: String
        /// The target object type id, when given.
        package var toObjectTypeId: String?
        /// The target record.
        package var toObjectId: String
        /// Display labels now between the records (unlabeled types contribute nothing).
        package var labels: [String]

        /// Creates a result.
        package init(fromObjectTypeId: String? = nil, fromObjectId: String, toObjectTypeId: String? = nil, toObjectId: String, labels: [String] = []) {
            self.fromObjectTypeId = fromObjectTypeId
            self.fromObjectId = fromObjectId
            self.toObjectTypeId = toObjectTypeId
            self.toObjectId = toObjectId
            self.labels = labels
        }

        private enum CodingKeys: String, CodingKey {
            case fromObjectTypeId, fromObjectId, toObjectTypeId, toObjectId, labels, from, to
        }

        /// Reads either vocabulary (see the type's description).
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.fromObjectId) {
                fromObjectTypeId = container.decodeLenientString(forKey: .fromObjectTypeId)
                fromObjectId = try container.decodeRecordID(forKey: .fromObjectId)
                toObjectTypeId = container.decodeLenientString(forKey: .toObjectTypeId)
                toObjectId = try container.decodeRecordID(forKey: .toObjectId)
                labels = try container.decodeIfPresent([String?].self, forKey: .labels)?.compactMap { $0 } ?? []
                return
            }
            let from = try container.decode(ObjectReference.self, forKey: .from)
            let to = try container.decode([Association].self, forKey: .to)
            guard let first = to.first else {
                throw DecodingError.dataCorruptedError(forKey: .to, in: container, debugDescription: "An association result without any associated record")
            }
            fromObjectTypeId = nil
            fromObjectId = from.id
            toObjectTypeId = nil
            toObjectId = first.toObjectId
            labels = first.associationTypes.compactMap(\.label)
        }

        /// Writes HubSpot's form.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(fromObjectTypeId, forKey: .fromObjectTypeId)
            try container.encode(fromObjectId, forKey: .fromObjectId)
            try container.encodeIfPresent(toObjectTypeId, forKey: .toObjectTypeId)
            try container.encode(toObjectId, forKey: .toObjectId)
            try container.encode(labels, forKey: .labels)
        }
    }
}
