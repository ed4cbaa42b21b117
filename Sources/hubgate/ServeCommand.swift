import ArgumentParser
import HubGate
import Logging
import ServiceLifecycle
import UnixSignals
import Configuration

/// `hubgate serve`: runs the gateway against the configured upstream (HubSpot by default).
struct ServeCommand: AsyncParsableCommand {
    /// Name, abstract and help text.
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway.",
        discussion: """
            Configuration comes from flags, then HUBGATE_* environment variables, then --config. The HubSpot token \
            is read only from HUBGATE_HUBSPOT_TOKEN or the file named by hubspot.tokenFile, never from a flag.
            """
    )

    @Option(name: .long, help: "Configuration file (YAML, or JSON with a .json extension).")
    var config: String?
    @Option(name: .long, help: "Address of the client listener (server.host).")
    var host: String?
    @Option(name: .long, help: "Port of the client listener (server.port).")
    var port: Int?
    @Option(name: .customLong("admin-host"), help: "Address of the admin listener (admin.host).")
    var adminHost: String?
    @Option(name: .customLong("admin-port"), help: "Port of the admin listener (admin.port).")
    var adminPort: Int?
    @Option(name: .customLong("upstream-url"), help: "HubSpot base URL (upstream.url).")
    var upstreamURL: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (log.level).")
    var logLevel: String?
    @Option(name: .customLong("log-format"), help: "text or json: one JSON object per line (log.format).")
    var logFormat: String?

    /// Runs the command.
    func run() async throws {
        var sources = ConfigurationSources(filePath: config)
        sources.set("server.host", host)
        sources.set("server.port", port)
        sources.set("admin.host", adminHost)
        sources.set("admin.port", adminPort)
        sources.set("upstream.url", upstreamURL)
        sources.set("log.level", logLevel)
        sources.set("log.format", logFormat)
        let configuration: GatewayConfiguration
        do {
            configuration = try await sources.loadConfiguration()
        } catch {
            Console.print(error.description)
            throw ExitCode(78)
        }
        // Trapped before anything runs: SIGHUP's default action would end the process.
        let hangUps = await UnixSignalsSequence(trapping: .sighup)
        let levelSwitch = LogLevelSwitch(Logger.Level(rawValue: configuration.logLevel) ?? .info)
        let logger = LoggerFactory.bootstrap(levelSwitch: levelSwitch, format: configuration.logFormat)
        // A reload reads the same flags, environment and files again.
        let reloadSource = ReloadSource(
            load: { [sources] in try await sources.loadConfiguration() },
            applyLogLevel: { levelSwitch.set($0) }
        )
        let runtime = GatewayRuntime(
            configuration: configuration,
            reloadSource: reloadSource,
            metrics: GatewayMetrics(version: HubGateVersion.current),
            logger: logger
        )
        Console.print("hubgate \(HubGateVersion.current) starting")
        Console.print(StartupSummary(configuration: configuration).lines.joined(separator: "\n"))
        for line in sources.unreadFileKeys(clientNames: configuration.clients.map(\.name)) {
            logger.warning("Configuration file sets a key nothing reads", metadata: ["config.problem": "\(line)"])
        }
        if configuration.upstream.sendsTokenInClear {
            // Allowed (a simulator or a test double on another host), but never what production wants.
            logger.warning("upstream.url is plain HTTP to another host: the HubSpot token is sent unencrypted")
        }
        // First in the group, so it is the last to stop: the listeners drain before it goes.
        let reloadOnHangUp = ReloadSignalService(signals: hangUps, reloader: runtime.gateway.reloader, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [reloadOnHangUp] + runtime.makeServices(),
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch where ListenerAddressCheck.isAddressInUse(error) {
            // Checked after the group stopped, so HubGate's own listeners no longer hold the ports.
            let taken = await ListenerAddressCheck.takenListeners(in: configuration)
            Console.print("cannot listen: " + (taken.isEmpty ? "an address is already in use" : taken.joined(separator: "; ")))
            throw ExitCode(1)
        }
    }
}
