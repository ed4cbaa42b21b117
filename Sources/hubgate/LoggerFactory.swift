import Logging

/// Makes the process's loggers; `LoggingSystem` is bootstrapped once, here.
enum LoggerFactory {
    /// Bootstraps logging to standard error at `level` and returns the root logger.
    static func bootstrap(level: String, label: String = "hubgate") -> Logger {
        bootstrap(levelSwitch: LogLevelSwitch(Logger.Level(rawValue: level) ?? .info), label: label)
    }

    /// Bootstraps logging to standard error at whatever level `levelSwitch` holds at each moment
    /// (a reload may change it) and returns the root logger.
    static func bootstrap(levelSwitch: LogLevelSwitch, label: String = "hubgate") -> Logger {
        LoggingSystem.bootstrap { label in
            SwitchedLogHandler(label: label, levelSwitch: levelSwitch)
        }
        // No `logLevel` set here: that would pin this logger and every copy of it.
        return Logger(label: label)
    }
}
