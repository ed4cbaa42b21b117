import HubSpotModel

/// Every association type of one object pair (one direction), with its v3 name: resolves v3 type
/// names to v4 `(category, typeId)` and back.
///
/// It starts from HubSpot's default table (`DefaultAssociationTypes`) and learns user-defined types
/// from upstream sources: v4 label lists (either vocabulary; they give ids and display labels but no
/// names), the definitions endpoint (names), label-create request bodies (names), and, against real
/// HubSpot, its own v3 `types` answer (names by id, without category). Learning
/// only adds or refines; to forget deleted labels, build a new catalog from fresh answers.
///
/// **Names nobody told us.** v4 never returns a type's internal `name`. A type known only from a
/// label list gets a *derived* name, `<category in lower case>_<typeId>` (`user_defined_36`): stable
/// (ids never change, unlike display labels, which can be renamed), distinct across categories (so
/// USER_DEFINED 1 and HUBSPOT_DEFINED 1 never share one), and a valid HubSpot name. It round-trips
/// like any other name, and keeps resolving after the real name is learnt.
///
/// **Collisions.** Names are compared case-insensitively (v3 clients have used upper case). Table
/// names win; a learnt name already used by another type, or spelling another type's derived name, is
/// not taken, and the later type keeps its derived name, so every name resolves to exactly one type.
package struct AssociationTypeCatalog: Hashable, Sendable {
    /// Where a type's v3 name came from.
    package enum NameSource: Hashable, Sendable {
        /// HubSpot's default type table.
        case defaultTable
        /// The definitions endpoint (`name`).
        case definition
        /// A label-create request body that HubGate relayed.
        case labelCreate
        /// Real HubSpot's v3 `types` answer, joined on the type id.
        case v3Types
        /// Derived from category and id, because no source gave a name.
        case derived
    }

    /// One type of the pair.
    package struct Entry: Hashable, Sendable {
        /// Category and id.
        package var key: AssociationTypeKey
        /// The v3 name.
        package var name: String
        /// The v4 display label; nil for unlabeled types or when unknown.
        package var label: String?
        /// Whether this is the pair's primary type (contact → company 1, deal → company 5, …).
        package var isPrimary: Bool
        /// Where `name` came from.
        package var nameSource: NameSource
    }

    /// The source object type.
    package let from: ObjectType
    /// The target object type.
    package let to: ObjectType
    private var entriesByKey: [AssociationTypeKey: Entry] = [:]
    private var keysByName: [String: AssociationTypeKey] = [:]

    /// A catalog holding the default types of the pair (none for custom objects).
    package init(from: ObjectType, to: ObjectType) {
        self.from = from
        self.to = to
        guard let fromStandard = from.standard, let toStandard = to.standard else { return }
        for row in DefaultAssociationTypes.types(from: fromStandard, to: toStandard) {
            let key = AssociationTypeKey(.hubSpotDefined, row.typeID)
            entriesByKey[key] = Entry(key: key, name: row.v3Name, label: row.label, isPrimary: row.role == .primary, nameSource: .defaultTable)
            keysByName[row.v3Name.lowercased()] = key
        }
    }

    // MARK: - Lookups

    /// Every known type, HubSpot-defined first, then by id.
    package var entries: [Entry] {
        entriesByKey.values.sorted { $0.key < $1.key }
    }

    /// The type a v3 name stands for: a known name, or the derived name of a known type.
    ///
    /// - Throws: `TranslationError.unknownAssociationType` naming it.
    package func key(forV3Name name: String) throws(TranslationError) -> AssociationTypeKey {
        let lowered = name.lowercased()
        if let key = keysByName[lowered] { return key }
        if let key = Self.key(fromDerivedName: lowered), entriesByKey[key] != nil { return key }
        throw .unknownAssociationType(name, from: from, to: to)
    }

    /// The v3 name of a type; a type the catalog does not know gets its derived name.
    package func v3Name(for key: AssociationTypeKey) -> String {
        entriesByKey[key]?.name ?? Self.derivedName(for: key)
    }

    /// The entry for a type, if known.
    package func entry(for key: AssociationTypeKey) -> Entry? {
        entriesByKey[key]
    }

    /// Whether the catalog knows the type.
    package func contains(_ key: AssociationTypeKey) -> Bool {
        entriesByKey[key] != nil
    }

    /// The pair's primary types (empty for pairs without one, e.g. company → company).
    package var primaryKeys: Set<AssociationTypeKey> {
        Set(entriesByKey.values.filter(\.isPrimary).map(\.key))
    }

    /// The v3 `types` list: `{id: "<typeId>", name}` per known type. v3 has no category, so a
    /// USER_DEFINED and a HUBSPOT_DEFINED type with the same number show the same `id`; their names differ.
    package var v3Definitions: [V3.PublicAssociationDefinition] {
        entries.map { V3.PublicAssociationDefinition(id: String($0.key.typeID), name: $0.name) }
    }

    /// `user_defined_36` for USER_DEFINED 36.
    package static func derivedName(for key: AssociationTypeKey) -> String {
        "\(key.category.rawValue.lowercased())_\(key.typeID)"
    }

    /// The key a derived name spells, if it is one.
    package static func key(fromDerivedName name: String) -> AssociationTypeKey? {
        for category in AssociationCategory.allCases {
            let prefix = category.rawValue.lowercased() + "_"
            guard name.hasPrefix(prefix) else { continue }
            let digits = name.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigit), let id = Int(digits) else { return nil }
            return AssociationTypeKey(category, id)
        }
        return nil
    }

    // MARK: - Learning

    /// Learns the pair's types from a v4 labels answer (`GET …/labels`, either vocabulary): ids,
    /// categories and display labels; names only for types already named.
    package mutating func learn(labels: V4.AssociationLabelCollection) {
        for label in labels.results {
            learn(key: label.key, name: nil, label: .some(label.label), source: .derived)
        }
    }

    /// Learns names and labels from a page of the definitions endpoint; entries of other pairs,
    /// without a category, or with a non-numeric id are skipped.
    package mutating func learn(definitions: V4.AssociationDefinitionCollection) {
        for definition in definitions.results {
            guard let category = definition.category, let typeID = Int(definition.id),
                ObjectType(pathSegment: definition.fromObjectTypeId) == from,
                ObjectType(pathSegment: definition.toObjectTypeId) == to
            else { continue }
            learn(key: AssociationTypeKey(category, typeID), name: definition.name, label: .some(definition.label), source: .definition)
        }
    }

    /// Learns the name of a label HubGate created: `request` is the `POST …/labels` body sent for the
    /// pair `createdFrom → createdTo`, `response` HubSpot's answer. Which result gets which name is
    /// `LabelNameRecord.records(createdBy:response:from:to:)`'s rule; the records of this catalog's
    /// direction are learnt, even for types no label list has shown yet.
    package mutating func learn(
        createdLabel request: V4.CreateLabelInput,
        response: V4.AssociationLabelCollection,
        createdFrom: ObjectType,
        createdTo: ObjectType
    ) {
        let labels = Dictionary(response.results.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        for record in LabelNameRecord.records(createdBy: request, response: response, from: createdFrom, to: createdTo)
        where record.from == from && record.to == to {
            learn(key: record.key, name: record.name, label: .some(labels[record.key] ?? nil), source: .labelCreate)
        }
    }

    /// Names remembered from label creates relayed earlier (`LabelNameStore`), for the types this
    /// catalog knows whose name no other source gave. Types it does not know are skipped: a
    /// remembered name must not revive a label that was deleted outside HubGate. Learnt in key order,
    /// so collisions resolve the same way every time.
    package mutating func learn(rememberedNames: [AssociationTypeKey: String]) {
        for (key, name) in rememberedNames.sorted(by: { $0.key < $1.key }) where entriesByKey[key]?.nameSource == .derived {
            learn(key: key, name: name, label: nil, source: .labelCreate)
        }
    }

    /// Learns names from real HubSpot's v3 `GET …/types` answer (`{id, name}`, no category), joined
    /// on the type id with the types already known (learn the labels first). A name is taken only
    /// when exactly one type without a table name has that id; an id shared by categories
    /// (USER_DEFINED 1 beside HUBSPOT_DEFINED 1) is resolved by leaving out the table's type when the
    /// name is not the table's. Ambiguous or unknown ids teach nothing.
    package mutating func learn(v3Types: V3.CollectionResponsePublicAssociationDefinitionNoPaging) {
        for definition in v3Types.results {
            guard let typeID = Int(definition.id) else { continue }
            let sameID = entriesByKey.values.filter { $0.key.typeID == typeID }
            if sameID.contains(where: { $0.nameSource == .defaultTable && $0.name.lowercased() == definition.name.lowercased() }) { continue }
            let candidates = sameID.filter { $0.nameSource != .defaultTable }
            guard candidates.count == 1, let key = candidates.first?.key else { continue }
            learn(key: key, name: definition.name, label: nil, source: .v3Types)
        }
    }

    /// Records a name learnt elsewhere (e.g. a name store the gateway keeps across restarts).
    package mutating func learn(name: String, for key: AssociationTypeKey, source: NameSource) {
        learn(key: key, name: name, label: nil, source: source)
    }

    /// Adds or refines one entry. `label` is `.some` when the source states the label (even null).
    private mutating func learn(key: AssociationTypeKey, name: String?, label: String??, source: NameSource) {
        var entry = entriesByKey[key] ?? Entry(key: key, name: Self.derivedName(for: key), label: nil, isPrimary: false, nameSource: .derived)
        if let label { entry.label = label }
        if let name, !name.isEmpty, entry.nameSource != .defaultTable, entry.name != name {
            let lowered = name.lowercased()
            let owner = keysByName[lowered]
            let spelled = Self.key(fromDerivedName: lowered)
            if owner == nil || owner == key, spelled == nil || spelled == key {
                if entry.nameSource != .derived { keysByName[entry.name.lowercased()] = nil }
                entry.name = name
                entry.nameSource = source
                keysByName[lowered] = key
            }
        }
        entriesByKey[key] = entry
    }
}
