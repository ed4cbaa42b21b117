import HubSpotModel
import NIOCore
import Synchronization

/// Remembers the catalog built for each object pair from given cached documents, so a v3 call whose
/// labels and definitions have not changed does not decode them again.
final class CatalogMemo: Sendable {
    private struct Memo: Sendable {
        var documents: [ByteBuffer]
        var rememberedNames: [AssociationTypeKey: String]
        var catalog: AssociationTypeCatalog
    }

    private struct PageMemo: Sendable {
        var page: ByteBuffer
        var nextCursor: String?
    }

    private let memos = Mutex<[String: Memo]>([:])
    private let pages = Mutex<[String: PageMemo]>([:])
    /// When the definitions list last answered 404, in the clock's milliseconds (`Int64.min`: never).
    private let definitionsListMissingSince = Atomic<Int64>(.min)
    private let clock: any WallClock

    /// How long a 404 from the definitions list is believed before the list is asked for again.
    static let definitionsListMissingFor: Int64 = 10 * 60 * 1000

    /// Creates an empty memo; `clock` times how long a missing definitions list is believed.
    init(clock: any WallClock = SystemWallClock()) {
        self.clock = clock
    }

    /// Whether the upstream answered the definitions list with 404 in the last ten minutes. Real
    /// HubSpot has none, so without this every v3 call against it would ask (404s are not cached);
    /// but a 404 can also be a passing fault, and believing it for good would rename the
    /// user-defined labels that only the list names (`user_defined_<id>`) until a restart.
    var isDefinitionsListMissing: Bool {
        let since = definitionsListMissingSince.load(ordering: .relaxed)
        return since != .min && clock.nowMilliseconds() - since < Self.definitionsListMissingFor
    }

    /// Records that the definitions list answered 404.
    func noteDefinitionsListMissing() {
        definitionsListMissingSince.store(clock.nowMilliseconds(), ordering: .relaxed)
    }

    /// The `paging.next.after` cursor of a definitions page (the one requested with `after`), decoded
    /// only when the page differs from the last one seen for that cursor.
    func nextCursor(ofDefinitionsPage page: ByteBuffer, after: String?) throws(TranslationError) -> String? {
        let key = after ?? ""
        if let memo = pages.withLock({ $0[key] }), memo.page == page {
            return memo.nextCursor
        }
        let collection = try TranslationJSON.decodeResponse(V4.AssociationDefinitionCollection.self, from: page.readableBytesView)
        let next = collection.paging?.next?.after
        pages.withLock { $0[key] = PageMemo(page: page, nextCursor: next) }
        return next
    }

    /// The catalog for (`from`, `to`) learnt from `documents` (the pair's labels first, then
    /// definitions pages), then from the names remembered from label creates, for types no document
    /// named. Built anew only when the documents or the names differ from the last ones seen.
    func catalog(
        from: ObjectType,
        to: ObjectType,
        documents: [ByteBuffer],
        rememberedNames: [AssociationTypeKey: String] = [:]
    ) throws(TranslationError) -> AssociationTypeCatalog {
        let key = from.id + "|" + to.id
        if let memo = memos.withLock({ $0[key] }), memo.documents == documents, memo.rememberedNames == rememberedNames {
            return memo.catalog
        }
        var catalog = AssociationTypeCatalog(from: from, to: to)
        for (index, document) in documents.enumerated() where document.readableBytes > 0 {
            if index == 0 {
                catalog.learn(labels: try TranslationJSON.decodeResponse(V4.AssociationLabelCollection.self, from: document.readableBytesView))
            } else {
                catalog.learn(definitions: try TranslationJSON.decodeResponse(V4.AssociationDefinitionCollection.self, from: document.readableBytesView))
            }
        }
        catalog.learn(rememberedNames: rememberedNames)
        memos.withLock { $0[key] = Memo(documents: documents, rememberedNames: rememberedNames, catalog: catalog) }
        return catalog
    }
}
