import HubSpotModel
import NIOCore
import Synchronization

/// Remembers the catalog built for each object pair from given cached documents, so a v3 call whose
/// labels and definitions have not changed does not decode them again.
final class CatalogMemo: Sendable {
    private struct Memo: Sendable {
        var documents: [ByteBuffer]
        var catalog: AssociationTypeCatalog
    }

    private let memos = Mutex<[String: Memo]>([:])

    /// Creates an empty memo.
    init() {}

    /// The catalog for (`from`, `to`) learnt from `documents`: the pair's labels first, then
    /// definitions pages. Built anew only when the documents differ from the last ones seen.
    func catalog(from: ObjectType, to: ObjectType, documents: [ByteBuffer]) throws(TranslationError) -> AssociationTypeCatalog {
        let key = from.id + "|" + to.id
        if let memo = memos.withLock({ $0[key] }), memo.documents == documents {
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
        memos.withLock { $0[key] = Memo(documents: documents, catalog: catalog) }
        return catalog
    }
}
