import HubSpotModel

/// The stored associations, one entry per direction, like HubSpot keeps them.
///
/// Records exist implicitly: any numeric id is a record, and it "has" exactly the associations
/// written to it. The graph knows nothing of type semantics; `SimulatorEngine` writes both directions.
package struct AssociationGraph: Sendable {
    /// One record's associations toward one object type.
    package struct EdgeKey: Hashable, Sendable {
        /// The record's object type.
        package var fromType: ObjectType
        /// The record id.
        package var fromID: Int64
        /// The target object type.
        package var toType: ObjectType
    }

    private var edges: [EdgeKey: [Int64: [TypeKey]]] = [:]

    /// Creates an empty graph.
    package init() {}

    /// The associations of one record toward one type, ordered by target id.
    package func associations(of fromID: Int64, pair: ObjectPair) -> [(toID: Int64, types: [TypeKey])] {
        guard let targets = edges[EdgeKey(fromType: pair.from, fromID: fromID, toType: pair.to)] else { return [] }
        return targets.keys.sorted().map { ($0, targets[$0]!) }
    }

    /// The types between two records in one direction, sorted.
    package func types(from fromID: Int64, to toID: Int64, pair: ObjectPair) -> [TypeKey] {
        edges[EdgeKey(fromType: pair.from, fromID: fromID, toType: pair.to)]?[toID] ?? []
    }

    /// Adds one type in one direction (no-op when present).
    package mutating func insert(_ key: TypeKey, from fromID: Int64, to toID: Int64, pair: ObjectPair) {
        let edge = EdgeKey(fromType: pair.from, fromID: fromID, toType: pair.to)
        var types = edges[edge, default: [:]][toID, default: []]
        guard !types.contains(key) else { return }
        types.append(key)
        types.sort()
        edges[edge, default: [:]][toID] = types
    }

    /// Removes one type in one direction; drops the pair when nothing is left.
    package mutating func remove(_ key: TypeKey, from fromID: Int64, to toID: Int64, pair: ObjectPair) {
        let edge = EdgeKey(fromType: pair.from, fromID: fromID, toType: pair.to)
        guard var types = edges[edge]?[toID] else { return }
        types.removeAll { $0 == key }
        set(types, edge: edge, toID: toID)
    }

    /// Removes every type between two records in one direction.
    package mutating func removeAll(from fromID: Int64, to toID: Int64, pair: ObjectPair) {
        set([], edge: EdgeKey(fromType: pair.from, fromID: fromID, toType: pair.to), toID: toID)
    }

    /// Whether any association of this pair direction carries `key`.
    package func isInUse(_ key: TypeKey, pair: ObjectPair) -> Bool {
        edges.contains { edge, targets in
            edge.fromType == pair.from && edge.toType == pair.to && targets.values.contains { $0.contains(key) }
        }
    }

    /// Number of (record, target, direction) entries, for stats.
    package var count: Int { edges.values.reduce(0) { $0 + $1.count } }

    /// Forgets every association.
    package mutating func removeAll() {
        edges.removeAll()
    }

    private mutating func set(_ types: [TypeKey], edge: EdgeKey, toID: Int64) {
        if types.isEmpty {
            edges[edge]?[toID] = nil
            if edges[edge]?.isEmpty == true { edges[edge] = nil }
        } else {
            edges[edge]?[toID] = types
        }
    }
}
