/// The request bodies the simulator accepts, decoded leniently where HubSpot's clients differ.
enum RequestBodies {
    /// Decodes an id sent as a string (the spec) or a number (some clients). Strings are tried
    /// first: a failed `decode` throws, and throwing on every input was a visible cost in batch/read.
    static func decodeID<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> String {
        if let text = try? container.decode(String.self, forKey: key) { return text }
        return String(try container.decode(Int64.self, forKey: key))
    }

    /// `{"id": "123"}`; a JSON number is accepted too.
    struct ObjectRef: Decodable {
        var id: String

        private enum CodingKeys: String, CodingKey { case id }

        /// Decodes the lenient forms described above.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try RequestBodies.decodeID(container, forKey: .id)
        }
    }

    /// `{"associationCategory", "associationTypeId"}`; the response spelling `{category, typeId}` is accepted too.
    struct TypeSpec: Decodable {
        var category: String
        var typeID: Int

        private enum CodingKeys: String, CodingKey { case associationCategory, associationTypeId, category, typeId }

        /// Decodes the lenient forms described above.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            category = try container.decodeIfPresent(String.self, forKey: .associationCategory) ?? container.decode(String.self, forKey: .category)
            typeID = try container.decodeIfPresent(Int.self, forKey: .associationTypeId) ?? container.decode(Int.self, forKey: .typeId)
        }
    }

    /// Seed create: `{to: {id}, types: [...]}`.
    struct SeedCreate: Decodable {
        var to: ObjectRef
        var types: [TypeSpec]
    }

    /// One batch/read input.
    struct ReadInput: Decodable {
        var id: String
        var after: String?

        private enum CodingKeys: String, CodingKey { case id, after }

        /// Decodes the lenient forms described above.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try RequestBodies.decodeID(container, forKey: .id)
            after = try container.decodeIfPresent(String.self, forKey: .after)
        }
    }

    /// One batch/create or labels/archive input.
    struct PairInput: Decodable {
        var from: ObjectRef
        var to: ObjectRef
        var types: [TypeSpec]
    }

    /// One associate/default input.
    struct DefaultInput: Decodable {
        var from: ObjectRef
        var to: ObjectRef
    }

    /// One batch/archive input: seed `{from, to: {id}, types?}` or the clients' `{from, to: [{id}, …]}`.
    struct ArchiveInput: Decodable {
        var from: ObjectRef
        var to: [ObjectRef]
        var types: [TypeSpec]?

        private enum CodingKeys: String, CodingKey { case from, to, types }

        /// Decodes the lenient forms described above.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            from = try container.decode(ObjectRef.self, forKey: .from)
            if let many = try? container.decode([ObjectRef].self, forKey: .to) {
                to = many
            } else {
                to = [try container.decode(ObjectRef.self, forKey: .to)]
            }
            types = try container.decodeIfPresent([TypeSpec].self, forKey: .types)
        }
    }

    /// `{inputs: [...]}`.
    struct Batch<Input: Decodable>: Decodable {
        var inputs: [Input]
    }

    /// Label create: `{label, name, inverseLabel?}`.
    struct LabelCreate: Decodable {
        var label: String
        var name: String
        var inverseLabel: String?
    }

    /// Label update: seed `{label, name?, inverseLabel?}` (id in the path) or clients' `{associationTypeId, label, inverseLabel?}`.
    struct LabelUpdate: Decodable {
        var associationTypeId: Int?
        var label: String
        var name: String?
        var inverseLabel: String?
    }

    /// One limit-configuration input: `{category, typeId, maxToObjectIds?}`.
    struct ConfigurationInput: Decodable {
        var category: String
        var typeId: Int
        var maxToObjectIds: Int?
    }
}
