/// Deletions SQLite still owes: invalidations it did not receive, and entries it holds in an older
/// version than the memory tier has seen.
package enum CachePurge: Sendable, Equatable {
    /// These entries, and every entry carrying any of these tags.
    case entries(keys: Set<CacheKey>, tags: Set<CacheTag>)
    /// Every entry.
    case everything

    /// Past this many keys and tags, owing everything is cheaper to keep and to apply.
    package static let maximumSelected = 10_000

    /// Entries carrying any of `tags`.
    package static func tags(_ tags: Set<CacheTag>) -> CachePurge {
        .entries(keys: [], tags: tags)
    }

    /// The entries stored under `keys`.
    package static func keys(_ keys: Set<CacheKey>) -> CachePurge {
        .entries(keys: keys, tags: [])
    }

    /// This purge widened to also cover `other`.
    package func merged(with other: CachePurge) -> CachePurge {
        guard case .entries(let keys, let tags) = self, case .entries(let otherKeys, let otherTags) = other else {
            return .everything
        }
        let mergedKeys = keys.union(otherKeys)
        let mergedTags = tags.union(otherTags)
        guard mergedKeys.count + mergedTags.count <= Self.maximumSelected else { return .everything }
        return .entries(keys: mergedKeys, tags: mergedTags)
    }
}
