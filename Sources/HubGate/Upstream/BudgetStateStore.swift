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

    /// Restores, then saves periodically until graceful shutdown, then saves once more.
    package func run() async throws {
        guard let database = await open() else { return }
        if let snapshot = await load(from: database) {
            scheduler.restoreDaily(snapshot)
        }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await save(to: database)
        }
        await save(to: database)
    }

    private func open() async -> DatabaseQueue? {
        do {
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
            // Once, at start-up, on GRDB's own queue (the call waits for it).
            try migrator.migrate(database)
            return database
        } catch {
            logger.warning("Budget state cannot be stored; the daily count will not survive a restart", metadata: ["budget.state.error": "\(type(of: error))"])
            return nil
        }
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
