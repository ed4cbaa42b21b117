/// A deletion SQLite still owes after an invalidation it could not receive.
package enum CachePurge: Sendable, Equatable {
    /// Entries carrying any of these tags.
    case tags(Set<CacheTag>)
    /// Every entry.
    case everything

    /// This purge widened to also cover `other`.
    package func merged(with other: CachePurge) -> CachePurge {
        switch (self, other) {
        case (.tags(let mine), .tags(let theirs)): .tags(mine.union(theirs))
        default: .everything
        }
    }
}
