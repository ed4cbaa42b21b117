import Logging

/// Makes the process's loggers; `LoggingSystem` is bootstrapped once, here.
enum LoggerFactory {
    /// Bootstraps logging to standard error at `level` and returns the root logger.
    static func bootstrap(level: String, label: String = "hubgate") -> Logger {
        let logLevel = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}
