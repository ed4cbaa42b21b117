import HubSpotModel

/// An association type id within its category; type ids are unique only per category.
package struct TypeKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Who defined the type.
    package var category: AssociationCategory
    /// The numeric id.
    package var typeID: Int

    /// Creates a key.
    package init(_ category: AssociationCategory, _ typeID: Int) {
        self.category = category
        self.typeID = typeID
    }

    /// HubSpot-defined types first, then by id, as HubSpot's examples list them.
    package static func < (lhs: TypeKey, rhs: TypeKey) -> Bool {
        let l = lhs.category == .hubSpotDefined ? 0 : 1
        let r = rhs.category == .hubSpotDefined ? 0 : 1
        return (l, lhs.typeID) < (r, rhs.typeID)
    }

    /// `USER_DEFINED=3`, the form HubSpot's validation errors use.
    package var description: String { "\(category.rawValue)=\(typeID)" }
}

/// An ordered pair of object types (one direction).
package struct ObjectPair: Hashable, Sendable {
    /// Source type.
    package var from: ObjectType
    /// Target type.
    package var to: ObjectType

    /// Creates a pair.
    package init(_ from: ObjectType, _ to: ObjectType) {
        self.from = from
        self.to = to
    }

    /// The opposite direction.
    package var reversed: ObjectPair { ObjectPair(to, from) }

    /// The same pair regardless of direction, for per-pair label limits.
    var unordered: Set<String> { [from.id, to.id] }
}

/// One association type in one direction, with the type HubSpot records in the other direction.
package struct AssociationDefinition: Sendable, Equatable {
    /// The direction this type applies to.
    package var pair: ObjectPair
    /// Category and id.
    package var key: TypeKey
    /// Display label; nil for unlabeled types.
    package var label: String?
    /// Internal name (the v3 name for HubSpot-defined types, the label's `name` for user-defined ones).
    package var name: String
    /// The type written in the reverse direction when this one is written.
    package var inverse: TypeKey?
    /// Whether this is the pair's unlabeled type (every association carries it).
    package var isUnlabeled: Bool
}
