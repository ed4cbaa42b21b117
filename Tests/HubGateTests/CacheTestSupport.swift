import Foundation
import GRDB
import Logging
import Synchronization

@testable import HubGate

/// A clock that moves only when a test says so, for backoff timing without waiting.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))

    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }

    func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        // The store never sleeps; a test that reaches this is wrong.
        throw CancellationError()
    }
}

/// Collects log records so tests can check what was logged, and how often.
final class LogRecorder: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let storage = Mutex<[Record]>([])

    var records: [Record] { storage.withLock { $0 } }

    func append(_ record: Record) {
        storage.withLock { $0.append(record) }
    }

    /// A logger writing here.
    func logger() -> Logger {
        Logger(label: "test") { _ in Handler(recorder: self) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var flat: [String: String] = [:]
            for (key, value) in event.metadata ?? [:] {
                flat[key] = "\(value)"
            }
            recorder.append(Record(level: event.level, message: "\(event.message)", metadata: flat))
        }
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "hubgate-cache-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside this directory.
    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// Removes the directory once the store's background file work (owed-purge markers, closing
    /// connections) queued so far has run; otherwise a late marker can land between the removal of
    /// the files and of the directory, and leave it behind.
    func remove() {
        for _ in 0..<3 {
            SQLiteCacheStore.openQueue.sync {}
            try? FileManager.default.removeItem(atPath: path)
            guard FileManager.default.fileExists(atPath: path) else { return }
        }
    }
}

/// Entries for cache tests.
enum CacheFixtures {
    /// An entry with `bytes` body bytes carrying `tags`.
    static func entry(_ key: String, bytes: Int = 4, tags: [String] = [], storedAt: Int64 = 1_700_000_000_000) -> CacheEntry {
        CacheEntry(
            key: CacheKey(rawValue: key),
            response: CachedResponse(
                status: 200,
                contentType: "application/json",
                body: Array(repeating: UInt8(ascii: "x"), count: bytes)
            ),
            storedAt: storedAt,
            tags: Set(tags.map(CacheTag.init(rawValue:)))
        )
    }

    /// A configuration for a database at `path` with small bounds and immediate retries.
    static func configuration(
        path: String,
        maximumEntries: Int = 100,
        maximumBytes: Int = 1 << 20,
        busyTimeout: Duration = .milliseconds(100)
    ) -> CacheStoreConfiguration {
        CacheStoreConfiguration(
            path: path,
            memoryMaximumEntries: maximumEntries,
            memoryMaximumBytes: maximumBytes,
            busyTimeout: busyTimeout,
            initialRetryDelay: .seconds(1),
            maximumRetryDelay: .seconds(8)
        )
    }
}

/// Another connection holding SQLite's write lock on a database, as a second process would.
final class ExclusiveLock {
    private let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        // The transaction deliberately outlives the access that opens it.
        configuration.allowsUnsafeTransactions = true
        // Wait out the store's own brief locks (a closing connection checkpoints the WAL).
        configuration.busyMode = .timeout(5)
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.inDatabase { try $0.execute(sql: "BEGIN EXCLUSIVE") }
    }

    func release() throws {
        try queue.inDatabase { try $0.execute(sql: "COMMIT") }
    }
}

