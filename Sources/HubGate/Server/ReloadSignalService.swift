import Logging
import ServiceLifecycle

/// Reloads the configuration each time a signal arrives (SIGHUP in `hubgate serve`), until graceful
/// shutdown. A reload's outcome, applied or refused, never stops the service or its group.
///
/// Generic over the signal sequence so tests inject their own triggers; the command line passes
/// `UnixSignalsSequence(trapping: .sighup)`, created before the group runs so a SIGHUP that arrives
/// during start-up does not terminate the process (the default action).
package struct ReloadSignalService<Signals: AsyncSequence & Sendable>: Service, CustomStringConvertible where Signals.Element: Sendable {
    private let signals: Signals
    private let reloader: ConfigurationReloader
    private let logger: Logger

    /// Creates the service.
    package init(signals: Signals, reloader: ConfigurationReloader, logger: Logger) {
        self.signals = signals
        self.reloader = reloader
        self.logger = logger
    }

    /// The name service-lifecycle logs (not a dump of the fields).
    package var description: String { "ReloadSignalService" }

    /// Reloads once per signal, one reload at a time, until graceful shutdown.
    package func run() async throws {
        do {
            for try await _ in signals.cancelOnGracefulShutdown() {
                logger.info("Signal received: reloading the configuration")
                // The reloader logs and counts the outcome.
                _ = await reloader.reload()
            }
        } catch {
            logger.warning("Reload signals stopped", metadata: ["error.type": "\(type(of: error))"])
        }
        // A service that returns early ends its whole group: wait for the real shutdown instead.
        if !Task.isCancelled {
            try? await gracefulShutdown()
        }
    }
}
