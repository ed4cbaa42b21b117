import Foundation
import HubSpotModel
import Logging
import Testing

@testable import HubGate

/// Remembered names survive a restart in the cache's file, ignore the cache's purges, and keep
/// working from memory while SQLite is out of use, writing what was missed once it is back.
struct LabelNameStoreTests {
    typealias F = TranslationFixture
    static let billing = LabelNameRecord(from: F.contacts, to: F.companies, key: AssociationTypeKey(.userDefined, 28), name: "billing")
    static let employee = LabelNameRecord(from: F.companies, to: F.contacts, key: AssociationTypeKey(.userDefined, 29), name: "employee")

    private func makeStore(path: String?, clock: ManualClock = ManualClock(), recorder: LogRecorder = LogRecorder()) -> LabelNameStore<ManualClock> {
        LabelNameStore(path: path, busyTimeout: .milliseconds(100), initialRetryDelay: .seconds(1), maximumRetryDelay: .seconds(8), logger: recorder.logger(), clock: clock)
    }

    /// A second store on the same file (a restart) finds what the first one recorded, minus what it forgot.
    @Test func survivesRestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let first = makeStore(path: path)
        await first.prepare()
        await first.record(.remember([Self.billing, Self.employee]))
        await first.record(.forget(from: F.companies, to: F.contacts, typeID: 29))
        #expect(first.statistics.degradedReason == nil)

        let second = makeStore(path: path)
        await second.prepare()
        #expect(await second.names(from: F.contacts, to: F.companies) == [Self.billing.key: "billing"])
        #expect(await second.names(from: F.companies, to: F.contacts).isEmpty)
    }

    /// The cache's purge of everything, in the same file, leaves the names alone.
    @Test func cachePurgeKeepsNames() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let cache = TieredCacheStore(configuration: CacheFixtures.configuration(path: path), logger: LogRecorder().logger(), clock: ManualClock())
        #expect(await cache.openDatabase())
        let names = makeStore(path: path)
        await names.prepare()
        await names.record(.remember([Self.billing]))
        await cache.store(CacheFixtures.entry("labels/0-1/0-2", tags: ["pair/0-1/0-2"]))
        await cache.invalidate(tags: [CacheTag(rawValue: "pair/0-1/0-2")])
        await cache.purgeAll()

        let restarted = makeStore(path: path)
        await restarted.prepare()
        #expect(await restarted.names(from: F.contacts, to: F.companies) == [Self.billing.key: "billing"])
    }

    /// Without a path the store works from memory alone.
    @Test func memoryOnly() async {
        let store = makeStore(path: nil)
        await store.prepare()
        await store.record(.remember([Self.billing]))
        #expect(await store.names(from: F.contacts, to: F.companies) == [Self.billing.key: "billing"])
        #expect(store.statistics.degradedReason == "memory only")
    }

    /// An unusable path degrades to memory (logged once, without the path); after the backoff a
    /// lookup recovers SQLite and writes what was recorded meanwhile, so a restart finds it.
    @Test func degradedThenRecovers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let blocker = directory.file("blocker")
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = blocker + "/db/cache.sqlite"
        let clock = ManualClock()
        let recorder = LogRecorder()
        let store = makeStore(path: path, clock: clock, recorder: recorder)

        await store.prepare()
        await store.record(.remember([Self.billing]))
        #expect(await store.names(from: F.contacts, to: F.companies) == [Self.billing.key: "billing"])
        #expect(store.statistics.degradedReason == "database cannot be opened")
        let warnings = recorder.records.filter { $0.level == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains(blocker) == false)

        try FileManager.default.removeItem(atPath: blocker)
        clock.advance(by: .seconds(1))
        #expect(await store.names(from: F.contacts, to: F.companies) == [Self.billing.key: "billing"])
        #expect(store.statistics.degradedReason == nil)

        let restarted = makeStore(path: path)
        await restarted.prepare()
        #expect(await restarted.names(from: F.contacts, to: F.companies) == [Self.billing.key: "billing"])
    }
}
