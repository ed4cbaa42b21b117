import ArgumentParser
import HubGate
import Logging

/// Makes the process's loggers; `LoggingSystem` is bootstrapped once, here.
enum LoggerFactory {
    /// Bootstraps logging to standard error at `level`, as text or JSON lines, and returns the root logger.
    static func bootstrap(level: String, format: LogFormat = .text, label: String = "hubgate") -> Logger {
        let logLevel = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = logLevel
                return handler
            case .json:
                var handler = JSONLogHandler.standardError(label: label)
                handler.logLevel = logLevel
                return handler
            }
        }
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}

extension LogFormat: ExpressibleByArgument {}
