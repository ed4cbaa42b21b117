import Foundation
import Testing

@testable import HubGate

/// Rough costs of the tiered store's paths, printed rather than asserted (timings vary by machine and
/// build). Run with `HUBGATE_CACHE_MEASURE=1 swift test --disable-xctest --filter CacheStoreMeasurementTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["HUBGATE_CACHE_MEASURE"] != nil))
struct CacheStoreMeasurementTests {
    /// Prints the per-call cost of memory hits, stores, promotions from SQLite and invalidations.
    @Test func printsCosts() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = TieredCacheStore(
            configuration: CacheStoreConfiguration(path: directory.file("cache.sqlite"), memoryMaximumEntries: 1_000),
            logger: LogRecorder().logger()
        )
        #expect(await store.openDatabase())
        let clock = ContinuousClock()
        let body = 2_048

        var storeTimes: [Duration] = []
        for index in 0..<1_000 {
            let entry = CacheFixtures.entry("labels/\(index)", bytes: body, tags: ["pair/\(index % 50)"])
            storeTimes.append(await clock.measure { await store.store(entry) })
        }

        let hot = CacheKey(rawValue: "labels/999")
        let hits = 200_000
        let hitTime = await clock.measure {
            for _ in 0..<hits {
                _ = await store.entry(for: hot)
            }
        }

        // Push the first entries out of memory, then time misses that promote from SQLite.
        for index in 1_000..<2_000 {
            await store.store(CacheFixtures.entry("labels/\(index)", bytes: body, tags: ["pair/\(index % 50)"]))
        }
        var missTimes: [Duration] = []
        for index in 0..<500 {
            let key = CacheKey(rawValue: "labels/\(index)")
            missTimes.append(await clock.measure { _ = await store.entry(for: key) })
        }

        var invalidateTimes: [Duration] = []
        for tag in 0..<50 {
            let tags: Set<CacheTag> = [CacheTag(rawValue: "pair/\(tag)")]
            invalidateTimes.append(await clock.measure { await store.invalidate(tags: tags) })
        }

        print("cache measure: memory hit \(Self.format(hitTime / hits)) per call (\(hits) hits, \(body)-byte body)")
        print("cache measure: store (memory + SQLite) \(summary(storeTimes))")
        print("cache measure: miss promoted from SQLite \(summary(missTimes))")
        print("cache measure: invalidate one tag (40 entries) \(summary(invalidateTimes))")
    }

    private func summary(_ times: [Duration]) -> String {
        let sorted = times.sorted()
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        return "p50 \(Self.format(p50)), p99 \(Self.format(p99)) over \(times.count)"
    }

    private static func format(_ duration: Duration) -> String {
        let nanoseconds = Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
        return nanoseconds < 10_000 ? "\(Int(nanoseconds)) ns" : "\(Int(nanoseconds / 1_000)) µs"
    }
}
