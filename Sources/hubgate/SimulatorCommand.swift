import ArgumentParser
import HubSpotSimulator
import Logging
import ServiceLifecycle
import UnixSignals

/// `hubgate simulator`: runs only the in-memory HubSpot simulator.
struct SimulatorCommand: AsyncParsableCommand {
    /// Name, abstract and help text.
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Run the in-memory HubSpot associations v4 simulator.",
        discussion: """
            The simulator requires 'Authorization: Bearer <token>', where the token is HUBGATE_SIMULATOR_TOKEN \
            (default 'sim-token'). Its control API is under /_simulator/ (stats, faults, requests, reset).
            """
    )

    @Option(name: .long, help: "Address to bind.")
    var host: String = "127.0.0.1"
    @Option(name: .long, help: "Port to bind (0 picks a free one).")
    var port: Int = 8090
    @Option(name: .long, help: "Response vocabulary: seed or hubspot.")
    var dialect: SimulatorDialect = .seed
    @Option(name: .customLong("burst-limit"), help: "Requests allowed per rolling window.")
    var burstLimit: Int = 190
    @Option(name: .customLong("burst-interval-ms"), help: "Rolling window length in milliseconds.")
    var burstIntervalMilliseconds: Int = 10_000
    @Option(name: .customLong("daily-limit"), help: "Requests allowed per UTC day.")
    var dailyLimit: Int = 625_000
    @Option(name: .customLong("log-level"), help: "Log level.")
    var logLevel: String = "info"

    /// Runs the command.
    func run() async throws {
        let logger = LoggerFactory.bootstrap(level: logLevel, label: "hubspot-simulator")
        var configuration = SimulatorConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.dialect = dialect
        configuration.burstLimit = burstLimit
        configuration.burstInterval = .milliseconds(burstIntervalMilliseconds)
        configuration.dailyLimit = dailyLimit
        if let token = Environment.value("HUBGATE_SIMULATOR_TOKEN"), !token.isEmpty {
            configuration.token = token
        }
        let (dialect, host) = (configuration.dialect, configuration.host)
        let simulator = HubSpotSimulator(configuration: configuration, logger: logger) { port in
            Console.print("HubSpot simulator (\(dialect.rawValue) dialect) listening on http://\(host):\(port)")
        }
        let group = ServiceGroup(configuration: .init(services: [simulator], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension SimulatorDialect: ExpressibleByArgument {}
