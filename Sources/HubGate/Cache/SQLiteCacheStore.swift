import Dispatch
import Foundation
import GRDB

/// The durable tier of the cache: entries in one SQLite file, read and written through GRDB.
///
/// A `DatabasePool` in WAL mode, so reads run beside the single writer. Every call goes through
/// GRDB's async APIs, which run SQLite on GRDB's own dispatch queues and suspend the caller: a busy
/// or slow disk never blocks Swift's cooperative pool. Opening, which GRDB only offers synchronously,
/// runs on a dedicated queue for the same reason. Errors are thrown as they come; deciding what a
/// failure means for the gateway is `TieredCacheStore`'s job.
package final class SQLiteCacheStore: Sendable {
    /// The path this store opened.
    package let path: String
    private let pool: DatabasePool

    /// What opening found.
    package struct OpenOutcome: Sendable {
        /// The open store.
        package var store: SQLiteCacheStore
        /// Where a corrupt file was moved before a fresh one was created, if one was.
        package var quarantinedPath: String?
        /// Who left a purge owed on this file, if anyone (see `recordOwedPurge(path:owner:logger:)`).
        package var owedPurgeMarkerOwner: String?
    }

    /// The file's inode when opened: a different one at `path` (or none) means the file in use was
    /// deleted or replaced, and everything written to it would be lost at the next start.
    private let fileNumber: UInt64?

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
        self.fileNumber = Self.fileNumber(at: path)
    }

    /// Whether the file this store writes is still the one at its path: one `stat`.
    package var isStillAtPath: Bool {
        guard let fileNumber else { return true }
        return Self.fileNumber(at: path) == fileNumber
    }

    private static func fileNumber(at path: String) -> UInt64? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? NSNumber)?.uint64Value
    }

    deinit {
        // Closing the last connection checkpoints the WAL (writes and an fsync). The last reference
        // to a store is often dropped by an async call on the cooperative pool, so hand the pool to
        // the open queue and let it close there.
        let pool = self.pool
        Self.openQueue.async { withExtendedLifetime(pool) {} }
    }

    /// Opens (creating the file and its directory when missing) and migrates the database at `path`.
    ///
    /// A file that is not a database or is damaged is moved aside as `<name>.corrupt-<ms>` (with its
    /// `-wal`/`-shm` companions) and replaced by a fresh one: the cache can always be refilled from
    /// HubSpot, while keeping the old file lets an operator look at it. `discardingExisting` does the
    /// same unconditionally, for a file that reported corruption after it was opened.
    package static func open(
        path: String,
        busyTimeout: Duration,
        discardingExisting: Bool = false
    ) async throws -> OpenOutcome {
        try await withCheckedThrowingContinuation { continuation in
            openQueue.async {
                continuation.resume(
                    with: Result {
                        try openBlocking(path: path, busyTimeout: busyTimeout, discardingExisting: discardingExisting)
                    }
                )
            }
        }
    }

    /// The entry stored under `key`, or nil.
    package func entry(for key: CacheKey) async throws -> CacheEntry? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT status, content_type, body, stored_at FROM cache_entry WHERE key = ?",
                    arguments: [key.rawValue]
                )
            else { return nil }
            let tags = try String.fetchAll(
                db,
                sql: "SELECT tag FROM cache_entry_tag WHERE key = ?",
                arguments: [key.rawValue]
            )
            let body: Data = row["body"]
            return CacheEntry(
                key: key,
                response: CachedResponse(status: row["status"], contentType: row["content_type"], body: [UInt8](body)),
                storedAt: row["stored_at"],
                tags: Set(tags.map(CacheTag.init(rawValue:)))
            )
        }
    }

    /// Stores or replaces `entry` and its tags in one transaction.
    package func store(_ entry: CacheEntry) async throws {
        let body = Data(entry.response.body)
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO cache_entry (key, status, content_type, body, stored_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET
                        status = excluded.status, content_type = excluded.content_type,
                        body = excluded.body, stored_at = excluded.stored_at
                    """,
                arguments: [
                    entry.key.rawValue, entry.response.status, entry.response.contentType, body, entry.storedAt,
                ]
            )
            // Replace the tags wholesale: a new answer may belong to different groups than the old one.
            try db.execute(sql: "DELETE FROM cache_entry_tag WHERE key = ?", arguments: [entry.key.rawValue])
            for tag in entry.tags {
                try db.execute(
                    sql: "INSERT INTO cache_entry_tag (tag, key) VALUES (?, ?)",
                    arguments: [tag.rawValue, entry.key.rawValue]
                )
            }
        }
    }

    /// Deletes what `purge` selects; the keys deleted.
    @discardableResult
    package func delete(_ purge: CachePurge) async throws -> Set<CacheKey> {
        try await pool.write { db in
            try Self.delete(purge, in: db)
        }
    }

    /// Makes the file safe to serve from again: applies a purge owed from an outage, then proves that
    /// a write goes through, in one transaction.
    ///
    /// The probe write matters when nothing is owed: a read-only or locked file can open and read
    /// fine, and would otherwise be declared healthy only to fail the next store.
    package func prepareForUse(purging owed: CachePurge?) async throws {
        try await pool.write { db in
            if let owed {
                _ = try Self.delete(owed, in: db)
            }
            try db.execute(
                sql: "INSERT INTO cache_probe (id, writes) VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET writes = writes + 1"
            )
        }
    }

    /// How many entries the file holds.
    package func entryCount() async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cache_entry") ?? 0
        }
    }

    // MARK: - Statements shared by several calls

    private static func delete(_ purge: CachePurge, in db: Database) throws -> Set<CacheKey> {
        let keys: [String]
        switch purge {
        case .everything:
            try db.execute(sql: "DELETE FROM cache_entry_tag")
            keys = try String.fetchAll(db, sql: "DELETE FROM cache_entry RETURNING key")
        case .entries(let selectedKeys, let tags):
            // Only the conditions that select something: an empty `key IN ()` in an OR makes SQLite
            // scan the whole table instead of using the two indexes.
            var conditions: [String] = []
            if !selectedKeys.isEmpty {
                conditions.append("key IN (\(placeholders(selectedKeys.count)))")
            }
            if !tags.isEmpty {
                conditions.append("key IN (SELECT key FROM cache_entry_tag WHERE tag IN (\(placeholders(tags.count))))")
            }
            guard !conditions.isEmpty else { return [] }
            // Tags go with their entry through ON DELETE CASCADE.
            keys = try String.fetchAll(
                db,
                sql: "DELETE FROM cache_entry WHERE \(conditions.joined(separator: " OR ")) RETURNING key",
                arguments: StatementArguments(selectedKeys.map(\.rawValue) + tags.map(\.rawValue))
            )
        }
        return Set(keys.map(CacheKey.init(rawValue:)))
    }

    /// `?, ?, …` for `count` arguments.
    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    // MARK: - Opening

    /// Opening and quarantining block on the file system, so they get their own serial queue rather
    /// than a thread of the cooperative pool.
    static let openQueue = DispatchQueue(label: "hubgate.cache.sqlite-open")

    private static func openBlocking(
        path: String,
        busyTimeout: Duration,
        discardingExisting: Bool
    ) throws -> OpenOutcome {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let markerOwner = owedPurgeMarkerOwner(path: path)
        var quarantinedPath: String?
        if discardingExisting, FileManager.default.fileExists(atPath: path) {
            quarantinedPath = try CorruptDatabaseFile.moveAside(path: path)
        }
        do {
            let pool = try makePool(path: path, busyTimeout: busyTimeout)
            return OpenOutcome(
                store: SQLiteCacheStore(path: path, pool: pool),
                quarantinedPath: quarantinedPath,
                owedPurgeMarkerOwner: markerOwner
            )
        } catch where CacheStoreFault(classifying: error).isCorruption && quarantinedPath == nil {
            quarantinedPath = try CorruptDatabaseFile.moveAside(path: path)
            let pool = try makePool(path: path, busyTimeout: busyTimeout)
            return OpenOutcome(
                store: SQLiteCacheStore(path: path, pool: pool),
                quarantinedPath: quarantinedPath,
                owedPurgeMarkerOwner: markerOwner
            )
        }
    }

    private static func makePool(path: String, busyTimeout: Duration) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.label = "hubgate.cache"
        configuration.busyMode = .timeout(busyTimeout / .seconds(1))
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL cannot corrupt the file; it may lose the last commits on power loss,
            // which a cache refills from HubSpot. It saves an fsync per store.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool)
        return pool
    }

    /// The schema, one named migration per change; never edit a migration once it has shipped.
    private static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-cache-entries") { db in
            try db.execute(
                sql: """
                    CREATE TABLE cache_entry (
                        key TEXT NOT NULL PRIMARY KEY,
                        status INTEGER NOT NULL,
                        content_type TEXT NOT NULL,
                        body BLOB NOT NULL,
                        stored_at INTEGER NOT NULL
                    );
                    -- One row per (tag, key): invalidate(tags:) finds its keys through the primary key's
                    -- leading column; the key index serves the cascade and a store's tag replacement.
                    CREATE TABLE cache_entry_tag (
                        tag TEXT NOT NULL,
                        key TEXT NOT NULL REFERENCES cache_entry(key) ON DELETE CASCADE,
                        PRIMARY KEY (tag, key)
                    ) WITHOUT ROWID;
                    CREATE INDEX cache_entry_tag_on_key ON cache_entry_tag(key);
                    -- Written when the store recovers, to prove writes go through.
                    CREATE TABLE cache_probe (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        writes INTEGER NOT NULL
                    );
                    """
            )
        }
        return migrator
    }()
}
