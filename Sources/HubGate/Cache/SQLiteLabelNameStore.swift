import Dispatch
import Foundation
import GRDB
import HubSpotModel

/// The durable side of the remembered v3 names: one table, `label_name`, in the cache's SQLite file,
/// with a migration of its own. A thin shell over GRDB: it opens, reads everything, and applies
/// changes; deciding what a failure means is `LabelNameStore`'s job.
///
/// Beside the cache's entries but not among them: the cache's invalidations and purges delete
/// from `cache_entry` only, so they never touch a name. Names are facts HubSpot will not tell again,
/// not answers that can be fetched anew.
package final class SQLiteLabelNameStore: Sendable {
    private let pool: DatabasePool

    private init(pool: DatabasePool) {
        self.pool = pool
    }

    deinit {
        // Closing may checkpoint the WAL (disk I/O); do it on the open queue, not where the last
        // reference happened to be dropped (often the cooperative pool).
        let pool = self.pool
        SQLiteCacheStore.openQueue.async { withExtendedLifetime(pool) {} }
    }

    /// Opens (creating the file and its directory when missing) and migrates the table.
    ///
    /// Runs on the cache's open queue: opening blocks on the file system, and sharing the queue
    /// orders it after anything the cache store does to the file there (such as moving a corrupt
    /// one aside). A corrupt file is not moved aside here; that is the cache store's call.
    package static func open(path: String, busyTimeout: Duration) async throws -> SQLiteLabelNameStore {
        try await withCheckedThrowingContinuation { continuation in
            SQLiteCacheStore.openQueue.async {
                continuation.resume(with: Result { try openBlocking(path: path, busyTimeout: busyTimeout) })
            }
        }
    }

    /// Every stored record; rows naming an object type or category HubGate cannot read are skipped.
    package func records() async throws -> [LabelNameRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT from_type, to_type, category, type_id, name FROM label_name").compactMap { row in
                guard let from = ObjectType(pathSegment: row["from_type"] as String),
                    let to = ObjectType(pathSegment: row["to_type"] as String),
                    let category = AssociationCategory(rawValue: row["category"])
                else { return nil }
                return LabelNameRecord(from: from, to: to, key: AssociationTypeKey(category, row["type_id"]), name: row["name"])
            }
        }
    }

    /// Applies `changes` in order, in one transaction.
    package func apply(_ changes: [LabelNameChange]) async throws {
        guard !changes.isEmpty else { return }
        try await pool.write { db in
            for change in changes {
                switch change {
                case .remember(let records):
                    for record in records {
                        try db.execute(
                            sql: """
                                INSERT INTO label_name (from_type, to_type, category, type_id, name) VALUES (?, ?, ?, ?, ?)
                                ON CONFLICT(from_type, to_type, category, type_id) DO UPDATE SET name = excluded.name
                                """,
                            arguments: [record.from.id, record.to.id, record.key.category.rawValue, record.key.typeID, record.name]
                        )
                    }
                case .forget(let from, let to, let typeID):
                    try db.execute(
                        sql: "DELETE FROM label_name WHERE from_type = ? AND to_type = ? AND type_id = ?",
                        arguments: [from.id, to.id, typeID]
                    )
                }
            }
        }
    }

    // MARK: - Opening

    private static func openBlocking(path: String, busyTimeout: Duration) throws -> SQLiteLabelNameStore {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.label = "hubgate.label-names"
        configuration.busyMode = .timeout(busyTimeout / .seconds(1))
        configuration.maximumReaderCount = 2
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool)
        return SQLiteLabelNameStore(pool: pool)
    }

    /// The table's own migrations, beside the cache store's in the same file (GRDB's migrator skips
    /// identifiers it does not know, so the two lists do not disturb each other). Never edit a
    /// migration once it has shipped.
    private static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-label-names") { db in
            try db.execute(
                sql: """
                    -- One v3 name per type of a directed pair; types are (category, id), as ids repeat
                    -- across categories.
                    CREATE TABLE label_name (
                        from_type TEXT NOT NULL,
                        to_type TEXT NOT NULL,
                        category TEXT NOT NULL,
                        type_id INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        PRIMARY KEY (from_type, to_type, category, type_id)
                    ) WITHOUT ROWID;
                    """
            )
        }
        return migrator
    }()
}
