import Logging
import Synchronization

/// The process's log level, shared by every log handler and changed by a configuration reload.
///
/// swift-log copies the level into each `Logger` value; handlers made by ``LoggerFactory`` read it
/// from here instead, so one change reaches loggers already handed out.
final class LogLevelSwitch: Sendable {
    private let level: Atomic<UInt8>

    /// Starts at `level`.
    init(_ level: Logger.Level) {
        self.level = Atomic(Self.code(level))
    }

    /// The level in force.
    var current: Logger.Level {
        Logger.Level.allCases[Int(level.load(ordering: .relaxed))]
    }

    /// Puts `level` in force; an unknown name (never, once validated) leaves it unchanged.
    func set(_ name: String) {
        guard let newLevel = Logger.Level(rawValue: name) else { return }
        level.store(Self.code(newLevel), ordering: .relaxed)
    }

    private static func code(_ level: Logger.Level) -> UInt8 {
        UInt8(Logger.Level.allCases.firstIndex(of: level) ?? 0)
    }
}
