import Foundation
import GRDB
import Logging
import ServiceLifecycle

/// Keeps the daily upstream count across restarts in a small SQLite file, so a restarted gateway
/// does not believe it has a fresh day's budget. Restores it at start, saves it every few seconds and
/// at shutdown. Storage failures are logged and never stop the gateway (the budget then only knows
/// what it sees, and learns the rest from HubSpot's `X-HubSpot-RateLimit-Daily-Remaining`).
package struct BudgetStateStore: Service {
    private let path: String
    private let scheduler: UpstreamScheduler
    private let interval: Duration
    private let logger: Logger

    /// Creates the store for `scheduler` at `path`.
    package init(path: String, scheduler: UpstreamScheduler, interval: Duration = .seconds(5), logger: Logger) {
        self.path = path
        self.scheduler = scheduler
        self.interval = interval
        self.logger = logger
    }

    /// Restores, then saves periodically until graceful shutdown, then saves once more. A file it
    /// cannot open is tried again every interval (restoring once it opens), and the service keeps
    /// running meanwhile: a service that returned would stop the whole gateway.
    package func run() async throws {
        var database: DatabaseQueue?
        var isFirstAttempt = true
        while true {
            if database == nil {
                database = await open(reportingFailure: isFirstAttempt)
                if let database {
                    if !isFirstAttempt { logger.notice("Budget state can be stored again") }
                    if let snapshot = await load(from: database) { scheduler.restoreDaily(snapshot) }
                }
                isFirstAttempt = false
            }
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            if let database { await save(to: database) }
        }
        if let database { await save(to: database) }
    }

    /// The state database, or nil (reported on the first attempt only, as it is retried). A file
    /// that is not a database, or is damaged, is set aside and replaced: its count is lost either way.
    private func open(reportingFailure: Bool) async -> DatabaseQueue? {
        do {
            do {
                return try openDatabase()
            } catch where CacheStoreFault(classifying: error).isCorruption {
                let setAside = try CorruptDatabaseFile.moveAside(path: path)
                logger.warning(
                    "Budget state file is damaged; set aside, and a new one started",
                    metadata: ["budget.state.path": "\(path)", "budget.state.setAside": "\(setAside)"]
                )
                return try openDatabase()
            }
        } catch {
            if reportingFailure {
                logger.warning(
                    "Budget state cannot be stored; the daily count will not survive a restart until it can (tried again every few seconds)",
                    metadata: ["budget.state.path": "\(path)", "budget.state.error": "\(type(of: error))"]
                )
            }
            return nil
        }
    }

    private func openDatabase() throws -> DatabaseQueue {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let database = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-budget-state") { db in
            try db.create(table: "budget_state") { table in
                table.column("id", .integer).primaryKey()
                table.column("daily", .blob).notNull()
            }
        }
        // A small file's one migration: at start-up, or on a retry every few seconds while the file
        // cannot be opened (a locked file fails at once: the queue does not wait on locks).
        try migrator.migrate(database)
        return database
    }

    private func load(from database: DatabaseQueue) async -> DailyBudgetSnapshot? {
        do {
            guard let data = try await database.read({ try Data.fetchOne($0, sql: "SELECT daily FROM budget_state WHERE id = 1") }) else { return nil }
            return try JSONDecoder().decode(DailyBudgetSnapshot.self, from: data)
        } catch {
            logger.warning("Stored budget state is unreadable; starting from HubSpot's headers", metadata: ["budget.state.error": "\(type(of: error))"])
            return nil
        }
    }

    private func save(to database: DatabaseQueue) async {
        guard let snapshot = scheduler.dailySnapshot, let data = try? JSONEncoder().encode(snapshot) else { return }
        do {
            try await database.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO budget_state (id, daily) VALUES (1, ?)", arguments: [data])
            }
        } catch {
            logger.warning("Budget state could not be saved", metadata: ["budget.state.error": "\(type(of: error))"])
        }
    }
}
