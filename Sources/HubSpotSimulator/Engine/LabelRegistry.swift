import HubSpotModel

/// Every association type the simulator knows: HubSpot's table, user-defined labels, and defaults it
/// invents for pairs the table lacks.
///
/// Pairs without a row in `DefaultAssociationTypes` (custom objects, contacts ↔ products, …) still
/// need an unlabeled type so they can be associated; the simulator assigns one per direction from
/// 10,000 upwards the first time a pair is used (documented in the README).
package struct LabelRegistry: Sendable {
    /// A user-defined label, stored on the pair it was created on.
    struct UserLabel: Sendable {
        var pair: ObjectPair
        var typeID: Int
        var name: String
        var label: String
        var inverseTypeID: Int?
        var inverseLabel: String?
    }

    private(set) var userLabels: [UserLabel] = []
    private var synthesized: [ObjectPair: Int] = [:]
    private var nextUserTypeID: Int
    private var nextSynthesizedTypeID = 10_000
    /// Definitions per direction, filled as pairs are used and dropped on any label change: every
    /// list and batch/read renders labels, so recomputing the table join per request is wasted work.
    private var cache: [ObjectPair: [AssociationDefinition]] = [:]

    /// Creates a registry whose user labels get ids from `firstUserTypeID`.
    package init(firstUserTypeID: Int) {
        nextUserTypeID = firstUserTypeID
    }

    /// Makes sure a pair without HubSpot-defined types gets invented unlabeled ones (both directions).
    /// Also caches the pair's definitions, so call it before serving a pair.
    package mutating func ensureDefaults(for pair: ObjectPair) {
        if cache[pair] != nil { return }
        if tableDefinitions(for: pair).isEmpty, synthesized[pair] == nil {
            synthesized[pair] = nextSynthesizedTypeID
            if pair.reversed != pair {
                synthesized[pair.reversed] = nextSynthesizedTypeID + 1
            }
            nextSynthesizedTypeID += 2
            cache.removeAll()
        }
        cache[pair] = computeDefinitions(for: pair)
    }

    /// Every type of one direction: HubSpot-defined first, then user labels.
    package func definitions(for pair: ObjectPair) -> [AssociationDefinition] {
        cache[pair] ?? computeDefinitions(for: pair)
    }

    private func computeDefinitions(for pair: ObjectPair) -> [AssociationDefinition] {
        var result = tableDefinitions(for: pair)
        if let id = synthesized[pair] {
            result.append(synthesizedDefinition(pair: pair, id: id))
        }
        let unlabeledInverse = unlabeled(for: pair.reversed)
        for user in userLabels {
            if user.pair == pair {
                let inverse = user.inverseTypeID.map { TypeKey(.userDefined, $0) } ?? unlabeledInverse
                result.append(AssociationDefinition(pair: pair, key: TypeKey(.userDefined, user.typeID), label: user.label, name: user.name, inverse: inverse, isUnlabeled: false))
            }
            if user.pair.reversed == pair, let inverseID = user.inverseTypeID, let inverseLabel = user.inverseLabel {
                result.append(AssociationDefinition(pair: pair, key: TypeKey(.userDefined, inverseID), label: inverseLabel, name: user.name, inverse: TypeKey(.userDefined, user.typeID), isUnlabeled: false))
            }
        }
        return result
    }

    /// One type of one direction.
    package func definition(for pair: ObjectPair, key: TypeKey) -> AssociationDefinition? {
        definitions(for: pair).first { $0.key == key }
    }

    /// The unlabeled type of one direction.
    package func unlabeled(for pair: ObjectPair) -> TypeKey? {
        if let id = synthesized[pair] { return TypeKey(.hubSpotDefined, id) }
        guard let from = pair.from.standard, let to = pair.to.standard,
            let row = DefaultAssociationTypes.defaultType(from: from, to: to)
        else { return nil }
        return TypeKey(.hubSpotDefined, row.typeID)
    }

    /// Every definition of every known pair (for `GET /crm/v4/associations/definitions`).
    package func allDefinitions() -> [AssociationDefinition] {
        var pairs: [ObjectPair] = []
        var seen = Set<ObjectPair>()
        func note(_ pair: ObjectPair) {
            if seen.insert(pair).inserted { pairs.append(pair) }
        }
        for row in DefaultAssociationTypes.all { note(ObjectPair(ObjectType(row.from), ObjectType(row.to))) }
        for pair in synthesized.keys.sorted(by: { synthesized[$0]! < synthesized[$1]! }) { note(pair) }
        for user in userLabels {
            note(user.pair)
            note(user.pair.reversed)
        }
        return pairs.flatMap { definitions(for: $0) }
    }

    /// User labels defined on either direction of the pair.
    func userLabels(between pair: ObjectPair) -> [UserLabel] {
        userLabels.filter { $0.pair == pair || $0.pair == pair.reversed }
    }

    /// Adds a user label (and its inverse type when `inverseLabel` is given); returns the new types.
    package mutating func createLabel(pair: ObjectPair, name: String, label: String, inverseLabel: String?) -> [AssociationDefinition] {
        let typeID = nextUserTypeID
        var user = UserLabel(pair: pair, typeID: typeID, name: name, label: label)
        nextUserTypeID += 1
        if let inverseLabel {
            user.inverseTypeID = nextUserTypeID
            user.inverseLabel = inverseLabel
            nextUserTypeID += 1
        }
        userLabels.append(user)
        cache.removeAll()
        var created = [definition(for: pair, key: TypeKey(.userDefined, typeID))!]
        if let inverseID = user.inverseTypeID, let inverse = definition(for: pair.reversed, key: TypeKey(.userDefined, inverseID)) {
            created.append(inverse)
        }
        return created
    }

    /// Changes the display label of the user type `typeID` seen from `pair` (and its inverse label).
    /// Returns false when no user label has that id on this pair.
    package mutating func updateLabel(pair: ObjectPair, typeID: Int, label: String, inverseLabel: String?) -> Bool {
        guard let index = userLabels.firstIndex(where: { ($0.pair == pair && $0.typeID == typeID) || ($0.pair == pair.reversed && $0.inverseTypeID == typeID) }) else {
            return false
        }
        cache.removeAll()
        if userLabels[index].pair == pair && userLabels[index].typeID == typeID {
            userLabels[index].label = label
            if let inverseLabel {
                if userLabels[index].inverseTypeID == nil {
                    userLabels[index].inverseTypeID = nextUserTypeID
                    nextUserTypeID += 1
                }
                userLabels[index].inverseLabel = inverseLabel
            }
        } else {
            userLabels[index].inverseLabel = label
            if let inverseLabel { userLabels[index].label = inverseLabel }
        }
        return true
    }

    /// The user label owning type `typeID` as seen from `pair`: both of its type keys.
    func userLabelKeys(pair: ObjectPair, typeID: Int) -> (forward: TypeKey, inverse: TypeKey?, pair: ObjectPair)? {
        guard let user = userLabels.first(where: { ($0.pair == pair && $0.typeID == typeID) || ($0.pair == pair.reversed && $0.inverseTypeID == typeID) }) else { return nil }
        return (TypeKey(.userDefined, user.typeID), user.inverseTypeID.map { TypeKey(.userDefined, $0) }, user.pair)
    }

    /// Removes the user label owning `typeID` on `pair` (both directions).
    package mutating func deleteLabel(pair: ObjectPair, typeID: Int) {
        cache.removeAll()
        userLabels.removeAll { ($0.pair == pair && $0.typeID == typeID) || ($0.pair == pair.reversed && $0.inverseTypeID == typeID) }
    }

    private func tableDefinitions(for pair: ObjectPair) -> [AssociationDefinition] {
        guard let from = pair.from.standard, let to = pair.to.standard else { return [] }
        let reverse = DefaultAssociationTypes.types(from: to, to: from)
        return DefaultAssociationTypes.types(from: from, to: to).map { row in
            AssociationDefinition(
                pair: pair,
                key: TypeKey(.hubSpotDefined, row.typeID),
                label: row.label,
                name: row.v3Name,
                inverse: Self.inverse(of: row, among: reverse),
                isUnlabeled: row.role == .unlabeled
            )
        }
    }

    /// The reverse-direction row with the same role; for two candidates (parent/child 13 ↔ 14) the other one.
    private static func inverse(of row: DefaultAssociationType, among reverse: [DefaultAssociationType]) -> TypeKey? {
        let sameRole = reverse.filter { $0.role == row.role }
        let chosen = sameRole.first { $0.typeID != row.typeID } ?? sameRole.first
        return chosen.map { TypeKey(.hubSpotDefined, $0.typeID) }
    }

    private func synthesizedDefinition(pair: ObjectPair, id: Int) -> AssociationDefinition {
        let inverse = synthesized[pair.reversed].map { TypeKey(.hubSpotDefined, $0) }
        return AssociationDefinition(pair: pair, key: TypeKey(.hubSpotDefined, id), label: nil, name: "\(pair.from.singularName)_to_\(pair.to.singularName)", inverse: inverse, isUnlabeled: true)
    }
}
