/// Where a running gateway gets a new configuration from, and how it adjusts what lives outside
/// the library. The command line supplies it: the library never knows about files, flags or the
/// logging backend.
package struct ReloadSource: Sendable {
    /// Rebuilds and validates the configuration from the sources the process started with (the
    /// same flags and environment, the configuration and token files read again). It may block on
    /// file reads: the reloader runs it on a thread of its own. Throws `ConfigurationError` for an
    /// invalid configuration; any other error is reported by its type only, since its description
    /// could quote the file.
    package var load: @Sendable () async throws -> GatewayConfiguration
    /// Puts a new `log.level` in force for the process's log handlers (already validated).
    package var applyLogLevel: @Sendable (String) -> Void

    /// Creates a source.
    package init(
        load: @escaping @Sendable () async throws -> GatewayConfiguration,
        applyLogLevel: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.load = load
        self.applyLogLevel = applyLogLevel
    }

    /// A source that always gives `configuration` back: reload then changes nothing (the demo, and
    /// tests that do not reload).
    package static func fixed(_ configuration: GatewayConfiguration) -> ReloadSource {
        ReloadSource(load: { configuration })
    }
}
