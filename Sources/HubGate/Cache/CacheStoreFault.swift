import GRDB
import Logging

/// Why the SQLite tier is out of use, in words fit for a readiness detail or a metric label.
///
/// Deliberately coarse: SQLite's own messages can carry paths and SQL, which must not reach clients
/// or the admin endpoint.
package struct CacheStoreFault: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case cannotOpen
        case locked
        case readOnly
        case corrupt
        case diskFull
        case ioError
        case removed
        case unexpected
    }

    private let code: Code

    /// The file or its directory cannot be created or opened.
    package static let cannotOpen = CacheStoreFault(code: .cannotOpen)
    /// Another connection held a lock past the busy timeout.
    package static let locked = CacheStoreFault(code: .locked)
    /// The file, its directory or the file system refuses writes.
    package static let readOnly = CacheStoreFault(code: .readOnly)
    /// The file is not a database or is damaged.
    package static let corrupt = CacheStoreFault(code: .corrupt)
    /// No space left.
    package static let diskFull = CacheStoreFault(code: .diskFull)
    /// The operating system reported an I/O error.
    package static let ioError = CacheStoreFault(code: .ioError)
    /// The file in use is no longer at its path (deleted or replaced while open): what is written
    /// to it would be lost at the next start.
    package static let removed = CacheStoreFault(code: .removed)
    /// Anything else (a bug or an unforeseen SQLite error).
    package static let unexpected = CacheStoreFault(code: .unexpected)

    /// Whether the file must be replaced rather than retried.
    package var isCorruption: Bool { code == .corrupt }

    /// A short fixed phrase; never a path or SQL text.
    package var shortDescription: String {
        switch code {
        case .cannotOpen: "database cannot be opened"
        case .locked: "database is locked"
        case .readOnly: "database is read-only"
        case .corrupt: "database is corrupt"
        case .diskFull: "disk is full"
        case .ioError: "database I/O error"
        case .removed: "database file was removed"
        case .unexpected: "database error"
        }
    }

    /// The short phrase, so a fault interpolates safely into logs.
    package var description: String { shortDescription }

    /// Classifies any error thrown while opening or using the database.
    package init(classifying error: any Error) {
        if let fault = error as? CacheStoreFault {
            self = fault
            return
        }
        guard let error = error as? DatabaseError else {
            // File-system errors from creating the directory or moving a corrupt file aside.
            self = .cannotOpen
            return
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: self = .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .corrupt
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_IOERR: self = .ioError
        case .SQLITE_CANTOPEN: self = .cannotOpen
        default: self = .unexpected
        }
    }

    /// Log fields for this fault under `prefix` (`<prefix>.reason`, and `<prefix>.sqlite_code` when
    /// `error` came from SQLite). The result code tells an operator what SQLite saw; its message is
    /// left out because it could carry SQL or paths.
    package func logMetadata(prefix: String, error: (any Error)?) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["\(prefix).reason": "\(shortDescription)"]
        if let error = error as? DatabaseError {
            metadata["\(prefix).sqlite_code"] = "\(error.extendedResultCode.rawValue)"
        }
        return metadata
    }

    private init(code: Code) {
        self.code = code
    }
}
