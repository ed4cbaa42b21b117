import Foundation

/// A SQLite file that is not a database, or is damaged, set aside rather than deleted: HubGate
/// starts a fresh one in its place (what it held can be relearnt), and an operator can still look
/// at the old one. Used by the cache and by the budget's state file.
enum CorruptDatabaseFile {
    /// Moves `path` and its WAL companions aside as `<path>.corrupt-<ms>`; the new path.
    static func moveAside(path: String) throws -> String {
        let milliseconds = Int64(Date().timeIntervalSince1970 * 1000)
        let target = "\(path).corrupt-\(milliseconds)"
        let fileManager = FileManager.default
        try fileManager.moveItem(atPath: path, toPath: target)
        for suffix in ["-wal", "-shm"] where fileManager.fileExists(atPath: path + suffix) {
            // A WAL belongs to its database: keep them side by side, or drop it if it cannot move, since
            // SQLite would otherwise try to apply it to the fresh file.
            do {
                try fileManager.moveItem(atPath: path + suffix, toPath: target + suffix)
            } catch {
                try fileManager.removeItem(atPath: path + suffix)
            }
        }
        return target
    }
}
