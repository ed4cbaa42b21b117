import CurlHTTP
import Logging
import ServiceLifecycle

/// The gateway with its production transport: libcurl to the configured upstream.
package struct GatewayRuntime: Sendable {
    /// The listeners.
    package let gateway: Gateway
    private let curlClient: CurlHTTPClient
    private let scheduler: UpstreamScheduler?
    private let logger: Logger

    /// Builds the runtime for a validated configuration; nothing runs until its services do.
    ///
    /// - Parameters:
    ///   - reloadSource: where `POST /config/reload` and SIGHUP get the configuration; by default
    ///     the one given here, so a reload changes nothing.
    ///   - metrics: what `/metrics` reports.
    package init(
        configuration: GatewayConfiguration,
        reloadSource: ReloadSource? = nil,
        metrics: GatewayMetrics = GatewayMetrics(),
        logger: Logger
    ) {
        self.logger = logger
        var curlConfiguration = CurlHTTPClient.Configuration()
        curlConfiguration.connectTimeout = configuration.upstream.connectTimeout
        curlConfiguration.requestTimeout = configuration.upstream.requestTimeout
        curlConfiguration.maxConnectionsPerHost = configuration.upstream.maxConnections
        curlConfiguration.maxIdleConnections = configuration.upstream.maxConnections
        curlConfiguration.userAgent = "hubgate"
        let curlClient = CurlHTTPClient(configuration: curlConfiguration, logger: logger)
        self.curlClient = curlClient
        var cache: LabelCache?
        if configuration.cache.isEnabled {
            let storage = TieredCacheStore(
                configuration: CacheStoreConfiguration(
                    path: configuration.cache.path,
                    memoryMaximumEntries: configuration.cache.memoryMaxEntries,
                    memoryMaximumBytes: configuration.cache.memoryMaxBytes
                ),
                logger: logger,
                clock: ContinuousClock()
            )
            cache = LabelCache(storage: storage, policy: configuration.cache.policy, metrics: metrics, logger: logger)
        }
        let credential = HubSpotCredential(token: configuration.hubSpotToken)
        var transport: any UpstreamTransport = MeteredTransport(
            CurlUpstreamTransport(client: curlClient, baseURL: configuration.upstream.baseURL, credential: credential, logger: logger),
            metrics: metrics
        )
        var scheduler: UpstreamScheduler?
        if configuration.budget.isEnabled {
            let budgetScheduler = UpstreamScheduler(configuration: configuration.budget.configuration, maxWait: configuration.budget.maxWait, logger: logger)
            transport = BudgetedTransport(transport, scheduler: budgetScheduler, metrics: metrics)
            scheduler = budgetScheduler
        }
        self.scheduler = scheduler
        if configuration.upstream.retry.maxAttempts > 1 {
            transport = RetryingTransport(transport, policy: configuration.upstream.retry, metrics: metrics)
        }
        // Names share the cache's file; with the cache off they are kept in memory only, since an
        // operator who turned the cache off asked for no file.
        let labelNames = LabelNameStore(path: configuration.cache.isEnabled ? configuration.cache.path : nil, logger: logger)
        self.gateway = Gateway(
            configuration: configuration,
            transport: transport,
            cache: cache,
            labelNames: labelNames,
            scheduler: scheduler,
            credential: credential,
            reloadSource: reloadSource,
            metrics: metrics,
            logger: logger
        )
    }

    /// Every service, in `ServiceGroup` order: the curl client and the budget's scheduler first so they
    /// are the last to stop, after the gateway listener has drained its in-flight calls.
    package func makeServices(
        onGatewayRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        onAdminRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> [any Service] {
        var upstream: [any Service] = [curlClient]
        if let scheduler {
            // The state store stops before the scheduler, so its last save sees the final count.
            upstream += [scheduler, BudgetStateStore(path: gateway.configuration.budget.statePath, scheduler: scheduler, logger: logger)]
        }
        if let interval = gateway.configuration.server.heapTrimInterval, let trimmer = HeapTrimService(interval: interval) {
            upstream.append(trimmer)
        }
        return upstream + gateway.makeServices(onGatewayRunning: onGatewayRunning, onAdminRunning: onAdminRunning)
    }
}

