import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The in-memory HubSpot associations v4 server, as a swift-service-lifecycle `Service`.
///
/// ```swift
/// let simulator = HubSpotSimulator(configuration: config, logger: logger) { port in … }
/// simulator.control.addFault(FaultRule(operation: .batchRead, status: 503, count: 2))
/// try await ServiceGroup(services: [simulator], logger: logger).run()
/// ```
/// Bind port 0 to let the OS choose; `onServerRunning` receives the port once the server listens,
/// and `control.boundPort` holds it from then on.
package struct HubSpotSimulator: Service {
    /// The configuration it serves with.
    package let configuration: SimulatorConfiguration
    /// The in-process control handle (faults, stats, recorded requests, reset).
    package let control: SimulatorControl
    private let logger: Logger
    private let onServerRunning: @Sendable (Int) async -> Void

    /// Creates a simulator; nothing is bound until `run()`.
    package init(
        configuration: SimulatorConfiguration = SimulatorConfiguration(),
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.control = SimulatorControl(configuration: configuration)
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    /// Builds the Hummingbird application (for callers that want to add it to their own group).
    package func makeApplication() -> some ApplicationProtocol {
        let control = self.control
        let onServerRunning = self.onServerRunning
        return Application(
            responder: SimulatorResponder(control: control),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "HubSpotSimulator"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port
                control.serverDidStart(port: port)
                await onServerRunning(port ?? 0)
            },
            logger: logger
        )
    }

    /// Serves until graceful shutdown.
    package func run() async throws {
        try await makeApplication().run()
    }
}
