import HubSpotModel
import Testing

@testable import HubGate

/// The memory copy of remembered names: per pair, unsaved changes kept in order, and merging what
/// SQLite held without undoing newer memory.
struct LabelNameBookTests {
    typealias F = TranslationFixture

    static func record(_ typeID: Int, _ name: String, from: ObjectType = F.contacts, to: ObjectType = F.companies) -> LabelNameRecord {
        LabelNameRecord(from: from, to: to, key: AssociationTypeKey(.userDefined, typeID), name: name)
    }

    /// Names are per directed pair; forgetting drops a type of one pair only.
    @Test func namesPerPair() {
        var book = LabelNameBook()
        book.apply(.remember([Self.record(1, "a"), Self.record(2, "b", from: F.companies, to: F.contacts)]), isSaved: true)
        #expect(book.names(from: F.contacts, to: F.companies) == [AssociationTypeKey(.userDefined, 1): "a"])
        #expect(book.names(from: F.companies, to: F.contacts) == [AssociationTypeKey(.userDefined, 2): "b"])
        book.apply(.forget(from: F.companies, to: F.contacts, typeID: 1), isSaved: true)
        #expect(book.count == 2)
        book.apply(.forget(from: F.contacts, to: F.companies, typeID: 1), isSaved: true)
        #expect(book.names(from: F.contacts, to: F.companies).isEmpty)
        #expect(book.unsaved.isEmpty)
    }

    /// Unsaved changes are handed over in order, and a failed write puts them back first.
    @Test func unsavedChangesKeepTheirOrder() {
        var book = LabelNameBook()
        let first = LabelNameChange.remember([Self.record(1, "a")])
        let second = LabelNameChange.forget(from: F.contacts, to: F.companies, typeID: 1)
        let third = LabelNameChange.remember([Self.record(2, "b")])
        book.apply(first, isSaved: false)
        book.apply(second, isSaved: false)
        let taken = book.takeUnsaved()
        #expect(taken == [first, second])
        book.apply(third, isSaved: false)
        book.restore(unsaved: taken)
        #expect(book.unsaved == [first, second, third])
    }

    /// Rows from SQLite fill gaps but never override memory, nor revive a type forgotten meanwhile.
    @Test func mergeKeepsMemoryNewer() {
        var book = LabelNameBook()
        book.apply(.remember([Self.record(1, "renamed")]), isSaved: true)
        book.apply(.forget(from: F.contacts, to: F.companies, typeID: 3), isSaved: false)
        book.merge(stored: [Self.record(1, "old"), Self.record(2, "kept"), Self.record(3, "deleted")])
        #expect(book.names(from: F.contacts, to: F.companies) == [
            AssociationTypeKey(.userDefined, 1): "renamed",
            AssociationTypeKey(.userDefined, 2): "kept",
        ])
    }
}
