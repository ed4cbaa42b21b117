import Logging

/// Another handler's output (text or JSON lines) at the level a ``LogLevelSwitch`` holds now, unless
/// a logger sets its own.
struct SwitchedLogHandler<Output: LogHandler>: LogHandler {
    private var output: Output
    private let levelSwitch: LogLevelSwitch
    /// A level set on one logger (`logger.logLevel = …`) pins that logger; nil follows the switch.
    private var ownLevel: Logger.Level?

    /// Writes through `output`, at `levelSwitch`'s level.
    init(output: Output, levelSwitch: LogLevelSwitch) {
        var output = output
        // The filtering is this handler's (Logger asks `logLevel` before calling `log`).
        output.logLevel = .trace
        self.output = output
        self.levelSwitch = levelSwitch
    }

    /// The logger's own level if it set one, else the switch's level now.
    var logLevel: Logger.Level {
        get { ownLevel ?? levelSwitch.current }
        set { ownLevel = newValue }
    }

    /// Metadata on every line of this logger (the output's).
    var metadata: Logger.Metadata {
        get { output.metadata }
        set { output.metadata = newValue }
    }

    /// Metadata from the task's context (the output's).
    var metadataProvider: Logger.MetadataProvider? {
        get { output.metadataProvider }
        set { output.metadataProvider = newValue }
    }

    /// One metadata value (the output's).
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { output[metadataKey: key] }
        set { output[metadataKey: key] = newValue }
    }

    /// Writes a line the logger already found at or above `logLevel`.
    func log(event: LogEvent) {
        output.log(event: event)
    }
}
