import Foundation
import Logging

/// A marker file beside the database saying that SQLite owes a purge, so that the invariant "an
/// invalidation SQLite missed never comes back from disk" survives a restart during an outage.
///
/// The owed purge itself lives in memory; which tags it names is lost with the process, so a marker
/// found when opening makes the recovery purge everything. A cache can be refilled; an invalidated
/// label served again cannot be taken back. The marker goes beside the database, not inside it,
/// because SQLite being unwritable is the very situation it records (a locked or read-only file in a
/// writable directory). Where the directory itself is unwritable it cannot be written either; that
/// case is logged as an error, naming what the operator must do, and remains a known gap.
extension SQLiteCacheStore {
    /// The marker for the database at `path`.
    package static func owedPurgeMarkerPath(for path: String) -> String {
        path + ".purge-owed"
    }

    /// Writes the marker, in the background. Enqueued on the queue that opens databases, in the order
    /// the caller decided it (the caller enqueues under its lock), so a later open sees it and a clear
    /// decided later runs later. Never awaited: the request that owed the purge does not wait for disk.
    /// `owner` identifies the writer, so that it can tell its own marker from an earlier run's.
    /// `logger` hears, as an error, when the marker cannot be written (the directory is read-only):
    /// then only an operator can keep a later start from serving what was invalidated.
    package static func recordOwedPurge(path: String, owner: String, logger: Logger) {
        openQueue.async {
            let markerPath = owedPurgeMarkerPath(for: path)
            // Never overwrite an earlier run's marker: its owner is how an open knows that purge is
            // still owed. (This queue is serial, so the check and the write do not race.)
            guard !FileManager.default.fileExists(atPath: markerPath) else { return }
            if !FileManager.default.createFile(atPath: markerPath, contents: Data(owner.utf8)) {
                logger.error(
                    "Cache invalidation cannot be recorded beside the database: delete the cache file, or POST /cache/purge once it is writable, before HubGate starts on it again",
                    metadata: ["cache.path": "\(path)"]
                )
            }
        }
    }

    /// Removes the marker, in the background, once what was owed has been applied.
    package static func clearOwedPurge(path: String) {
        openQueue.async {
            try? FileManager.default.removeItem(atPath: owedPurgeMarkerPath(for: path))
        }
    }

    /// Who left a purge owed, if anyone (runs on the open queue, inside `open`); an unreadable
    /// marker counts as an unknown owner, which owes everything.
    static func owedPurgeMarkerOwner(path: String) -> String? {
        let markerPath = owedPurgeMarkerPath(for: path)
        guard FileManager.default.fileExists(atPath: markerPath) else { return nil }
        return (try? String(contentsOfFile: markerPath, encoding: .utf8)) ?? ""
    }
}
