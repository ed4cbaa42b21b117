/// One cached answer with what the policy and invalidation need to know about it.
package struct CacheEntry: Sendable, Equatable {
    /// Its identity.
    package var key: CacheKey
    /// The answer.
    package var response: CachedResponse
    /// When HubSpot produced it, in milliseconds since the Unix epoch (wall time, because entries
    /// outlive the process).
    package var storedAt: Int64
    /// The groups it belongs to, for invalidation.
    package var tags: Set<CacheTag>

    /// Creates an entry.
    package init(key: CacheKey, response: CachedResponse, storedAt: Int64, tags: Set<CacheTag>) {
        self.key = key
        self.response = response
        self.storedAt = storedAt
        self.tags = tags
    }
}
