import ArgumentParser
import Foundation
import HubGate
import HubSpotSimulator
import Logging
import ServiceLifecycle
import UnixSignals

/// `hubgate demo`: the simulator and the gateway in one process, with a fixed demo client key, so
/// HubGate can be tried without a HubSpot account.
struct DemoCommand: AsyncParsableCommand {
    /// Name, abstract and help text.
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run HubGate in front of its embedded HubSpot simulator, and print ready-to-paste curl lines."
    )

    @Option(name: .long, help: "Gateway port.")
    var port: Int = 8080
    @Option(name: .customLong("admin-port"), help: "Admin port (/healthz, /readyz).")
    var adminPort: Int = 8081
    @Option(name: .customLong("simulator-port"), help: "Simulator port (0 picks a free one).")
    var simulatorPort: Int = 8090
    @Option(name: .long, help: "Simulator response vocabulary: seed (the seed spec) or hubspot (real HubSpot).")
    var dialect: SimulatorDialect = .seed
    @Option(name: .customLong("client-key"), help: "The demo client's gateway key (read and write scopes).")
    var clientKey: String = "demo-client-key"
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"
    @Option(name: .customLong("log-format"), help: "text or json (one JSON object per line).")
    var logFormat: LogFormat = .text
    @Flag(name: .customLong("no-access-log"), help: "Do not log a line per request.")
    var noAccessLog = false

    /// Runs the command.
    func run() async throws {
        let logger = LoggerFactory.bootstrap(level: logLevel, format: logFormat, label: "hubgate-demo")
        // The simulator's token plays HubSpot's: random per run, known only inside this process.
        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.port = simulatorPort
        simulatorConfiguration.dialect = dialect
        simulatorConfiguration.token = "demo-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let (simulatorPorts, portContinuation) = AsyncStream<Int>.makeStream()
        let simulator = HubSpotSimulator(configuration: simulatorConfiguration, logger: logger) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let simulatorGroup = ServiceGroup(configuration: .init(services: [simulator], logger: logger))

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await simulatorGroup.run()
            }
            guard let boundSimulatorPort = await simulatorPorts.first(where: { _ in true }) else {
                throw ValidationError("The simulator could not start on port \(simulatorPort).")
            }
            var configuration = GatewayConfiguration(
                hubSpotToken: Secret(simulatorConfiguration.token),
                clients: [ClientConfiguration(name: "demo", keyHash: ClientKeyHash.hash(ofKey: clientKey), scopes: [.read, .write])]
            )
            configuration.server.host = "127.0.0.1"
            configuration.server.port = port
            configuration.admin.port = adminPort
            configuration.upstream.baseURL = "http://127.0.0.1:\(boundSimulatorPort)"
            configuration.logLevel = logLevel
            configuration.logFormat = logFormat
            configuration.isAccessLogEnabled = !noAccessLog
            // The simulator forgets everything when the demo stops, so the cache must too: a cache
            // kept across runs would answer with labels the new simulator does not have.
            let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("hubgate-demo-\(UInt64.random(in: 0...UInt64.max))")
            configuration.cache.path = cacheDirectory.appendingPathComponent("cache.sqlite").path
            configuration.budget.statePath = cacheDirectory.appendingPathComponent("state.sqlite").path
            defer { try? FileManager.default.removeItem(at: cacheDirectory) }

            let runtime = GatewayRuntime(configuration: configuration, metrics: GatewayMetrics(version: HubGateVersion.current), logger: logger)
            let clientKey = self.clientKey
            let dialect = self.dialect
            let services = runtime.makeServices(onGatewayRunning: { gatewayPort in
                Console.print(DemoBanner(gatewayPort: gatewayPort, adminPort: adminPort, simulatorPort: boundSimulatorPort, dialect: dialect, clientKey: clientKey).text)
            })
            let gatewayGroup = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await gatewayGroup.run()
            await simulatorGroup.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }
}
