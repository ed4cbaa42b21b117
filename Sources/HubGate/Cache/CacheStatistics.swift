import Synchronization

/// Counters of what the cache did, for `/cache/stats` and metrics. Lock-free.
package final class CacheStatistics: Sendable {
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)
    private let staleCount = Atomic<Int>(0)
    private let coalescedCount = Atomic<Int>(0)
    private let invalidationCount = Atomic<Int>(0)

    private let metrics: GatewayMetrics?

    /// Creates zeroed counters, also reported to `metrics` when given.
    package init(metrics: GatewayMetrics? = nil) {
        self.metrics = metrics
    }

    /// Counts a fresh hit.
    func recordHit() {
        hitCount.add(1, ordering: .relaxed)
        metrics?.cacheHit()
    }
    /// Counts a read that went upstream.
    func recordMiss() {
        missCount.add(1, ordering: .relaxed)
        metrics?.cacheMiss()
    }
    /// Counts a stale answer served.
    func recordStale() {
        staleCount.add(1, ordering: .relaxed)
        metrics?.cacheStaleServed()
    }
    /// Counts a read that waited on another's fetch.
    func recordCoalesced() {
        coalescedCount.add(1, ordering: .relaxed)
        metrics?.cacheJoinedFlight()
    }
    /// Counts an invalidation.
    func recordInvalidation() {
        invalidationCount.add(1, ordering: .relaxed)
        metrics?.cacheInvalidated()
    }

    /// Fresh answers served from the cache.
    package var hits: Int { hitCount.load(ordering: .relaxed) }
    /// Reads that had to go upstream.
    package var misses: Int { missCount.load(ordering: .relaxed) }
    /// Stale answers served (while revalidating or instead of a failed upstream call).
    package var staleServed: Int { staleCount.load(ordering: .relaxed) }
    /// Reads that waited on another read's upstream call instead of making their own.
    package var coalesced: Int { coalescedCount.load(ordering: .relaxed) }
    /// Invalidations carried out (each write that changed labels counts once).
    package var invalidations: Int { invalidationCount.load(ordering: .relaxed) }
}
