import ArgumentParser
import HubGate
import Logging

/// Makes the process's loggers; `LoggingSystem` is bootstrapped once, here.
enum LoggerFactory {
    /// Bootstraps logging to standard error at `level`, as text or JSON lines, and returns the root logger.
    static func bootstrap(level: String, format: LogFormat = .text, label: String = "hubgate") -> Logger {
        bootstrap(levelSwitch: LogLevelSwitch(Logger.Level(rawValue: level) ?? .info), format: format, label: label)
    }

    /// Bootstraps logging to standard error, as text or JSON lines, at whatever level `levelSwitch`
    /// holds at each moment (a reload may change it), and returns the root logger.
    static func bootstrap(levelSwitch: LogLevelSwitch, format: LogFormat = .text, label: String = "hubgate") -> Logger {
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                SwitchedLogHandler(output: StreamLogHandler.standardError(label: label), levelSwitch: levelSwitch)
            case .json:
                SwitchedLogHandler(output: JSONLogHandler.standardError(label: label), levelSwitch: levelSwitch)
            }
        }
        // No `logLevel` set here: that would pin this logger and every copy of it.
        return Logger(label: label)
    }
}

extension LogFormat: ExpressibleByArgument {}
