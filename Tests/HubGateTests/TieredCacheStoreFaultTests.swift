import Foundation
import GRDB
import Logging
import Testing

@testable import HubGate

/// The tiered store when SQLite is missing, unwritable, read-only, corrupt or locked: it keeps serving
/// from memory, says why, logs once per change, recovers, and never resurrects an invalidated entry.
struct TieredCacheStoreFaultTests {
    private typealias Fixture = CacheFixtures

    private func makeStore(
        path: String,
        clock: ManualClock,
        recorder: LogRecorder,
        busyTimeout: Duration = .milliseconds(100)
    ) -> TieredCacheStore<ManualClock> {
        TieredCacheStore(
            configuration: Fixture.configuration(path: path, busyTimeout: busyTimeout),
            logger: recorder.logger(),
            clock: clock
        )
    }

    private func warnings(_ recorder: LogRecorder) -> [LogRecorder.Record] {
        recorder.records.filter { $0.level == .warning }
    }

    /// A directory that cannot be created degrades the store to memory, logged once; once the path
    /// is usable and the backoff has passed, it recovers by itself.
    @Test func unwritableDirectoryDegradesThenRecovers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A regular file where a directory should be: fails for every user, root included.
        let blocker = directory.file("blocker")
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: blocker))
        let clock = ManualClock()
        let recorder = LogRecorder()
        let store = makeStore(path: blocker + "/db/cache.sqlite", clock: clock, recorder: recorder)
        let entry = Fixture.entry("a", tags: ["t"])

        #expect(await store.openDatabase() == false)
        await store.store(entry)
        #expect(await store.entry(for: entry.key) == entry)
        #expect(
            await store.storageStats()
                == CacheStorageStats(memoryEntries: 1, diskEntries: nil, degradedReason: "database cannot be opened")
        )
        let logged = warnings(recorder)
        #expect(logged.count == 1)
        #expect(logged.first?.metadata["cache.storage.reason"] == "database cannot be opened")
        #expect(logged.first?.message.contains(blocker) == false)

        // Still broken when the retry comes: no second log line for the same reason.
        clock.advance(by: .seconds(1))
        await store.store(entry)
        #expect(warnings(recorder).count == 1)

        try FileManager.default.removeItem(atPath: blocker)
        clock.advance(by: .seconds(2))
        await store.store(entry)
        #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 1, diskEntries: 1, degradedReason: nil))
        #expect(recorder.records.contains { $0.level == .notice && $0.message.contains("recovered") })
        #expect(FileManager.default.fileExists(atPath: blocker + "/db/cache.sqlite"))
    }

    /// A database file deleted while in use (or its directory) is noticed at the next disk access,
    /// as what is written to an unlinked file is lost at restart: the store says so, serves from
    /// memory, and recovers with a fresh file at the path, which keeps what is stored from then on.
    @Test(arguments: [false, true])
    func removedFileDegradesThenRecovers(removingDirectory: Bool) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("db")
        let path = folder + "/cache.sqlite"
        let clock = ManualClock()
        let recorder = LogRecorder()
        let store = makeStore(path: path, clock: clock, recorder: recorder)
        let first = Fixture.entry("a", tags: ["t"])
        await store.store(first)
        #expect(await store.storageStats().diskEntries == 1)

        if removingDirectory {
            try FileManager.default.removeItem(atPath: folder)
        } else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 1, diskEntries: nil, degradedReason: "database file was removed"))
        #expect(warnings(recorder).first?.metadata["cache.storage.reason"] == "database file was removed")
        #expect(await store.entry(for: first.key) == first, "memory still answers")

        clock.advance(by: .seconds(2))
        let second = Fixture.entry("b", tags: ["t"])
        await store.store(second)
        #expect(await store.storageStats().degradedReason == nil)
        let restarted = makeStore(path: path, clock: ManualClock(), recorder: LogRecorder())
        #expect(await restarted.entry(for: second.key) == second)
    }

    /// A read-only database file degrades the store (the probe write finds it), which keeps serving
    /// from memory.
    @Test(.enabled(if: ReadOnlyFile.isSupported, "this user can write read-only files"))
    func readOnlyFileDegrades() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let clock = ManualClock()
        let old = Fixture.entry("old")
        do {
            let writer = makeStore(path: path, clock: clock, recorder: LogRecorder())
            await writer.store(old)
        }
        try ReadOnlyFile.make(path)
        defer { ReadOnlyFile.undo(path) }

        let recorder = LogRecorder()
        let store = makeStore(path: path, clock: clock, recorder: recorder)
        let entry = Fixture.entry("new")
        await store.store(entry)
        #expect(await store.entry(for: entry.key) == entry)
        #expect(await store.storageStats().degradedReason == "database is read-only")
        #expect(warnings(recorder).map { $0.metadata["cache.storage.reason"] } == ["database is read-only"])
    }

    /// An invalidation made while the database's directory is read-only can be recorded nowhere: the
    /// store says so as an error, naming what the operator must do, and still serves from memory.
    @Test(.enabled(if: ReadOnlyFile.isSupported, "this user can write read-only files"))
    func unrecordableInvalidationIsAnError() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("db")
        let path = folder + "/cache.sqlite"
        let clock = ManualClock()
        do {
            let writer = makeStore(path: path, clock: clock, recorder: LogRecorder())
            await writer.store(Fixture.entry("old", tags: ["t"]))
        }
        // The file too, so that the invalidation cannot reach SQLite whatever companions it finds.
        try ReadOnlyFile.make(path)
        try ReadOnlyFile.make(folder)
        defer {
            ReadOnlyFile.undo(folder)
            ReadOnlyFile.undo(path)
        }

        let recorder = LogRecorder()
        let store = makeStore(path: path, clock: clock, recorder: recorder)
        _ = await store.openDatabase()
        await store.invalidate(tags: [CacheTag(rawValue: "t")])
        // The marker is written on the store's open queue; wait for its outcome.
        for _ in 0..<200 where !recorder.records.contains(where: { $0.level == .error }) {
            try await Task.sleep(for: .milliseconds(10))
        }
        let errors = recorder.records.filter { $0.level == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("POST /cache/purge") == true)
        #expect(!FileManager.default.fileExists(atPath: SQLiteCacheStore.owedPurgeMarkerPath(for: path)))
    }

    /// A file of garbage is moved aside as `<name>.corrupt-<ms>` and replaced by a working database.
    @Test func corruptFileIsMovedAsideAndReplaced() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        try Data(repeating: 0x5A, count: 8_192).write(to: URL(fileURLWithPath: path))
        let recorder = LogRecorder()
        let store = makeStore(path: path, clock: ManualClock(), recorder: recorder)
        let entry = Fixture.entry("a")

        await store.store(entry)
        #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 1, diskEntries: 1, degradedReason: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let quarantined = names.filter { $0.hasPrefix("cache.sqlite.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        #expect(quarantined.count == 1)
        if let name = quarantined.first {
            let moved = try Data(contentsOf: URL(fileURLWithPath: directory.file(name)))
            #expect(moved == Data(repeating: 0x5A, count: 8_192))
        }
        #expect(warnings(recorder).count == 1)
        let restarted = makeStore(path: path, clock: ManualClock(), recorder: LogRecorder())
        #expect(await restarted.entry(for: entry.key) == entry)
    }

    /// A database another connection keeps locked costs one bounded busy timeout, not a hang; the
    /// store then serves from memory, and later calls skip SQLite until the backoff has passed.
    @Test func lockedDatabaseDegradesWithinTheBusyTimeout() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let clock = ManualClock()
        let recorder = LogRecorder()
        // A one-second busy timeout makes "waited for the lock" and "skipped SQLite" an order of
        // magnitude apart, so the checks hold on a loaded machine.
        let store = makeStore(path: path, clock: clock, recorder: recorder, busyTimeout: .seconds(1))
        #expect(await store.openDatabase())
        let lock = try ExclusiveLock(path: path)

        let entry = Fixture.entry("a")
        let elapsed = await ContinuousClock().measure { await store.store(entry) }
        #expect(elapsed < .seconds(15), "waited \(elapsed) with a 1 s busy timeout (bounded, not hung)")
        #expect(await store.storageStats().degradedReason == "database is locked")
        #expect(store.degradedReason == "database is locked")
        #expect(await store.entry(for: entry.key) == entry)
        let skipped = await ContinuousClock().measure { await store.store(Fixture.entry("b")) }
        #expect(skipped < .milliseconds(500), "retried SQLite before the backoff: \(skipped)")

        try lock.release()
        clock.advance(by: .seconds(1))
        await store.store(Fixture.entry("c"))
        #expect(await store.storageStats().degradedReason == nil)
        #expect(store.degradedReason == nil)
        #expect(warnings(recorder).count == 1)
    }

    /// Opening a database that another connection keeps locked is bounded by the busy timeout too,
    /// and the store starts serving from memory.
    @Test func openingALockedDatabaseIsBounded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        do {
            let writer = makeStore(path: path, clock: ManualClock(), recorder: LogRecorder())
            await writer.store(Fixture.entry("a"))
        }
        let lock = try ExclusiveLock(path: path)
        defer { try? lock.release() }
        let store = makeStore(path: path, clock: ManualClock(), recorder: LogRecorder())
        var opened = true
        let elapsed = await ContinuousClock().measure { opened = await store.openDatabase() }
        #expect(!opened)
        // Generous: the point is that it returns at all (an unbounded wait would hang), and a loaded
        // 2-core CI machine has taken over 4 s for the 100 ms timeout plus the open.
        #expect(elapsed < .seconds(15), "waited \(elapsed) with a 100 ms busy timeout")
        #expect(await store.storageStats().degradedReason == "database is locked")
        await store.store(Fixture.entry("b"))
        #expect(await store.entry(for: CacheKey(rawValue: "b")) != nil)
    }

    /// An invalidation SQLite missed during an outage is applied before SQLite is read again, so the
    /// invalidated entry comes back neither from this store nor after a restart.
    @Test func invalidationDuringOutageDoesNotResurrect() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let clock = ManualClock()
        let stale = Fixture.entry("labels/0-1/0-2", tags: ["pair/0-1/0-2"])
        let kept = Fixture.entry("labels/0-2/0-1", tags: ["pair/0-2/0-1"])
        do {
            let writer = makeStore(path: path, clock: clock, recorder: LogRecorder())
            await writer.store(stale)
            await writer.store(kept)
        }
        // A store with an empty memory tier: only SQLite could answer.
        let store = makeStore(path: path, clock: clock, recorder: LogRecorder())
        #expect(await store.openDatabase())

        let lock = try ExclusiveLock(path: path)
        #expect(await store.invalidate(tags: [CacheTag(rawValue: "pair/0-1/0-2")]) == 0)
        #expect(await store.storageStats().degradedReason == "database is locked")
        try lock.release()

        // Before the backoff has passed the store must not read SQLite at all.
        #expect(await store.entry(for: stale.key) == nil)
        clock.advance(by: .seconds(1))
        #expect(await store.entry(for: stale.key) == nil)
        #expect(await store.storageStats().degradedReason == nil)
        #expect(await store.entry(for: kept.key) == kept)

        let restarted = makeStore(path: path, clock: ManualClock(), recorder: LogRecorder())
        #expect(await restarted.entry(for: stale.key) == nil)
        #expect(await restarted.entry(for: kept.key) == kept)
    }

    /// A purge still owed when the process stops is not forgotten: the next process purges SQLite
    /// before serving from it, so the invalidated entry does not come back after a restart either.
    @Test func owedPurgeSurvivesRestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let stale = Fixture.entry("labels/0-1/0-2", tags: ["pair/0-1/0-2"])
        do {
            let store = makeStore(path: path, clock: ManualClock(), recorder: LogRecorder())
            await store.store(stale)
            let lock = try ExclusiveLock(path: path)
            await store.invalidate(tags: [CacheTag(rawValue: "pair/0-1/0-2")])
            try lock.release()
            // The process stops here, before any operation lets the store recover.
        }
        let recorder = LogRecorder()
        let restarted = makeStore(path: path, clock: ManualClock(), recorder: recorder)
        #expect(await restarted.entry(for: stale.key) == nil)
        #expect(await restarted.storageStats() == CacheStorageStats(memoryEntries: 0, diskEntries: 0, degradedReason: nil))
        #expect(warnings(recorder).map(\.message) == ["Cache database owed a purge when last used; purging it before use"])

        // Settled: the marker is gone, and the next restart purges nothing.
        await restarted.store(stale)
        let again = makeStore(path: path, clock: ManualClock(), recorder: LogRecorder())
        #expect(await again.entry(for: stale.key) == stale)
    }

    /// A purge of everything missed during an outage is owed the same way.
    @Test func purgeDuringOutageDoesNotResurrect() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let clock = ManualClock()
        let store = makeStore(path: path, clock: clock, recorder: LogRecorder())
        await store.store(Fixture.entry("a"))
        let lock = try ExclusiveLock(path: path)
        #expect(await store.purgeAll() == 1)
        try lock.release()
        clock.advance(by: .seconds(1))
        #expect(await store.storageStats() == CacheStorageStats(memoryEntries: 0, diskEntries: 0, degradedReason: nil))
        #expect(await store.entry(for: CacheKey(rawValue: "a")) == nil)
    }
    /// An entry replaced while SQLite was out of use is not answered in its older version from SQLite
    /// after memory evicts the newer one.
    @Test func replacementDuringOutageDoesNotServeOlderVersion() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let clock = ManualClock()
        let store = TieredCacheStore(
            configuration: Fixture.configuration(path: path, maximumEntries: 1, busyTimeout: .milliseconds(50)),
            logger: LogRecorder().logger(),
            clock: clock
        )
        let older = Fixture.entry("a", bytes: 1, storedAt: 1)
        await store.store(older)
        let lock = try ExclusiveLock(path: path)
        await store.store(Fixture.entry("a", bytes: 2, storedAt: 2))
        await store.store(Fixture.entry("b"))
        try lock.release()
        clock.advance(by: .seconds(1))
        #expect(await store.entry(for: older.key) == nil)
        #expect(await store.storageStats().degradedReason == nil)
    }

    /// For random stores, reads, invalidations and purges, with SQLite locked and released at random,
    /// the store never answers an invalidated or superseded entry, and memory stays within bounds.
    @Test(arguments: [11, 12, 13])
    func randomOperationsWithOutagesNeverServeInvalidatedEntries(seed: UInt64) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("cache.sqlite")
        let clock = ManualClock()
        let maximumEntries = 3
        let store = TieredCacheStore(
            configuration: Fixture.configuration(path: path, maximumEntries: maximumEntries, busyTimeout: .milliseconds(20)),
            logger: LogRecorder().logger(),
            clock: clock
        )
        var random = SplitMix64(seed: seed)
        var model: [String: CacheEntry] = [:]
        var lock: ExclusiveLock?
        var version: Int64 = 0
        let tagsOfKey = { (key: Int) in ["t\(key % 3)", "u\(key % 4)"] }

        for _ in 0..<300 {
            let key = Int(random.next() % 8)
            let name = "k\(key)"
            switch random.next() % 20 {
            case 0..<8:
                version += 1
                let entry = Fixture.entry(name, bytes: Int(version % 7), tags: tagsOfKey(key), storedAt: version)
                await store.store(entry)
                model[name] = entry
            case 8..<15:
                if let found = await store.entry(for: CacheKey(rawValue: name)) {
                    #expect(found == model[name], "served an invalidated or superseded entry")
                }
            case 15..<17:
                let tag = random.next() % 2 == 0 ? "t\(key % 3)" : "u\(key % 4)"
                await store.invalidate(tags: [CacheTag(rawValue: tag)])
                model = model.filter { !$0.value.tags.contains(CacheTag(rawValue: tag)) }
            case 17:
                await store.purgeAll()
                model = [:]
            case 18:
                if let held = lock {
                    try held.release()
                    lock = nil
                } else {
                    lock = try ExclusiveLock(path: path)
                }
            default:
                clock.advance(by: .seconds(Int64(random.next() % 4)))
            }
            #expect(await store.storageStats().memoryEntries <= maximumEntries)
        }
        try lock?.release()
        // Once SQLite is usable again, everything still modelled that SQLite answers is current.
        clock.advance(by: .seconds(60))
        for key in 0..<8 {
            if let found = await store.entry(for: CacheKey(rawValue: "k\(key)")) {
                #expect(found == model["k\(key)"])
            }
        }
        #expect(await store.storageStats().degradedReason == nil)
    }
}


/// Making a file read-only in a way that binds this user: permissions, or for root (which ignores
/// them) the immutable attribute where the file system supports it.
enum ReadOnlyFile {
    static let isSupported: Bool = {
        guard let directory = try? TemporaryDirectory() else { return false }
        defer { directory.remove() }
        let probe = directory.file("probe")
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else { return false }
        defer { undo(probe) }
        guard (try? make(probe)) != nil else { return false }
        return FileHandle(forWritingAtPath: probe) == nil
    }()

    static func make(_ path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        if geteuid() == 0 {
            try run("/usr/bin/chattr", "+i", path)
        }
    }

    static func undo(_ path: String) {
        if geteuid() == 0 {
            try? run("/usr/bin/chattr", "-i", path)
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    }

    private static func run(_ tool: String, _ arguments: String...) throws {
        guard FileManager.default.isExecutableFile(atPath: tool) else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }
}
