import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The gateway's listeners, wired to an upstream transport: what `hubgate serve` and `hubgate demo`
/// run, and what the integration tests start on port 0.
package struct Gateway: Sendable {
    /// The configuration it started with (settings that need a restart keep these values).
    package let configuration: GatewayConfiguration
    /// Readiness as `/readyz` reports it.
    package let readiness = ReadinessState()
    /// The label and definitions cache, when enabled.
    package let cache: LabelCache?
    /// The v3 names of labels created through HubGate.
    package let labelNames: (any LabelNameStorage)?
    /// The shared upstream budget, when enabled.
    package let scheduler: UpstreamScheduler?
    /// Reloads the configuration in place (`POST /config/reload`, SIGHUP).
    package let reloader: ConfigurationReloader
    /// What `/metrics` reports.
    package let metrics: GatewayMetrics
    private let transport: any UpstreamTransport
    private let requestSettings: ReloadableValue<RequestSettings>
    private let clientLimiter: ClientRateLimiter
    private let logger: Logger

    /// Creates the gateway; nothing listens until its services run.
    ///
    /// - Parameters:
    ///   - credential: the token holder inside `transport`, so a reload can rotate the token.
    ///   - reloadSource: where reloads get the configuration; by default the one given here, so a
    ///     reload changes nothing.
    ///   - metrics: what `/metrics` reports, reloads included.
    package init(
        configuration: GatewayConfiguration,
        transport: any UpstreamTransport,
        cache: LabelCache?,
        labelNames: (any LabelNameStorage)? = nil,
        scheduler: UpstreamScheduler? = nil,
        credential: HubSpotCredential? = nil,
        reloadSource: ReloadSource? = nil,
        metrics: GatewayMetrics = GatewayMetrics(),
        logger: Logger
    ) {
        self.configuration = configuration
        self.transport = transport
        self.cache = cache
        self.labelNames = labelNames
        self.scheduler = scheduler
        self.metrics = metrics
        self.logger = logger
        let requestSettings = ReloadableValue(RequestSettings(configuration: configuration))
        let clientLimiter = ClientRateLimiter(settings: configuration.clientLimits, metrics: metrics, logger: logger)
        self.requestSettings = requestSettings
        self.clientLimiter = clientLimiter
        let targets = ReloadTargets(
            requestSettings: requestSettings,
            clientLimiter: clientLimiter,
            cache: cache,
            scheduler: scheduler,
            credential: credential
        )
        self.reloader = ConfigurationReloader(
            running: configuration,
            source: reloadSource ?? .fixed(configuration),
            apply: { targets.apply($0) },
            metrics: metrics,
            logger: logger
        )
    }

    /// The services to run, in `ServiceGroup` order: admin first so it outlives the gateway listener
    /// during shutdown, readiness last so it flips first.
    ///
    /// - Parameters:
    ///   - onGatewayRunning: called with the bound gateway port.
    ///   - onAdminRunning: called with the bound admin port.
    package func makeServices(
        onGatewayRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        onAdminRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> [any Service] {
        let readiness = self.readiness
        let forwarder = V4Forwarder(
            settings: requestSettings,
            transport: transport,
            cache: cache,
            v3: V3Translator(transport: transport, cache: cache, labelNames: labelNames),
            clientLimiter: clientLimiter,
            labelNames: labelNames,
            pagingLinks: PagingLinkRewriter(upstreamURL: configuration.upstream.baseURL)
        )
        let accountant = RequestAccountant(
            metrics: metrics,
            accessLog: configuration.isAccessLogEnabled ? AccessLog(logger: logger) : nil
        )
        let openConnections = OpenConnections()
        let connections = GatewayChildChannel(
            responder: GatewayResponder(forwarder: forwarder, accountant: accountant, dates: HTTPDate(), scheduler: scheduler, logger: logger),
            idleTimeout: configuration.server.idleTimeout,
            connections: openConnections
        )
        let server = connections.server(
            configuration: .init(
                address: .hostname(configuration.server.host, port: configuration.server.port),
                serverName: nil,
                backlog: 4096
            ),
            onServerRunning: { channel in
                readiness.set(true)
                await onGatewayRunning(channel.localAddress?.port ?? 0)
            },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger
        )
        var preparations: [@Sendable () async -> Void] = []
        if let cache {
            preparations.append { await cache.prepare() }
        }
        if let labelNames {
            // After the cache has opened (and, if it had to, replaced) the file they share.
            preparations.append { await labelNames.prepare() }
        }
        let gateway = GatewayListener(preparations: preparations, server: server, connections: openConnections)
        let admin = Application(
            router: AdminRouter.make(readiness: readiness, cache: cache, scheduler: scheduler, metrics: metrics, reloader: reloader),
            configuration: .init(address: .hostname(configuration.admin.host, port: configuration.admin.port)),
            onServerRunning: { channel in await onAdminRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        return [admin, gateway, ReadinessService(state: readiness)]
    }
}
