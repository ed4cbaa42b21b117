import HubSpotModel

/// The memory copy of the remembered v3 names, and what SQLite has not received yet. A value with
/// no I/O; `LabelNameStore` keeps it under its lock and does the disk work it asks for.
///
/// Memory is the truth while the process lives: every change lands here first, so a v3 call right
/// after a label create sees the name whatever SQLite is doing. Changes SQLite could not take stay
/// *unsaved* until a later write or recovery hands them over, in the order they were made.
package struct LabelNameBook: Sendable, Equatable {
    /// Names by directed pair, then by type.
    private var names: [PairKey: [AssociationTypeKey: String]] = [:]
    /// Changes SQLite has not received, oldest first.
    package private(set) var unsaved: [LabelNameChange] = []

    private struct PairKey: Hashable, Sendable {
        var from: String
        var to: String
    }

    private struct ForgottenType: Hashable {
        var pair: PairKey
        var typeID: Int
    }

    /// Creates an empty book.
    package init() {}

    /// The names remembered for `from → to`.
    package func names(from: ObjectType, to: ObjectType) -> [AssociationTypeKey: String] {
        names[PairKey(from: from.id, to: to.id)] ?? [:]
    }

    /// Every remembered record (for tests and statistics).
    package var count: Int {
        names.values.reduce(0) { $0 + $1.count }
    }

    /// Applies `change` to memory; when `isSaved` is false, also keeps it for SQLite.
    package mutating func apply(_ change: LabelNameChange, isSaved: Bool) {
        switch change {
        case .remember(let records):
            for record in records {
                names[PairKey(from: record.from.id, to: record.to.id), default: [:]][record.key] = record.name
            }
        case .forget(let from, let to, let typeID):
            let pair = PairKey(from: from.id, to: to.id)
            names[pair] = names[pair]?.filter { $0.key.typeID != typeID }
            if names[pair]?.isEmpty == true { names[pair] = nil }
        }
        if !isSaved { unsaved.append(change) }
    }

    /// Hands the unsaved changes over for writing; `restore(unsaved:)` gives them back if it fails.
    package mutating func takeUnsaved() -> [LabelNameChange] {
        defer { unsaved = [] }
        return unsaved
    }

    /// Puts back changes whose write failed, before any made since.
    package mutating func restore(unsaved changes: [LabelNameChange]) {
        unsaved = changes + unsaved
    }

    /// Adds what SQLite held (read at start-up or on recovery) without overriding memory: a name
    /// remembered or forgotten in this process is newer than the file.
    package mutating func merge(stored records: [LabelNameRecord]) {
        // A delete SQLite has not received yet must not be undone by the row it still holds.
        var pendingForgets = Set<ForgottenType>()
        for change in unsaved {
            if case .forget(let from, let to, let typeID) = change {
                pendingForgets.insert(ForgottenType(pair: PairKey(from: from.id, to: to.id), typeID: typeID))
            }
        }
        for record in records {
            let pair = PairKey(from: record.from.id, to: record.to.id)
            guard !pendingForgets.contains(ForgottenType(pair: pair, typeID: record.key.typeID)) else { continue }
            if names[pair]?[record.key] == nil {
                names[pair, default: [:]][record.key] = record.name
            }
        }
    }
}
