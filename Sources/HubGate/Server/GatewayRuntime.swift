import CurlHTTP
import Logging
import ServiceLifecycle

/// The gateway with its production transport: libcurl to the configured upstream.
package struct GatewayRuntime: Sendable {
    /// The listeners.
    package let gateway: Gateway
    private let curlClient: CurlHTTPClient

    /// Builds the runtime for a validated configuration; nothing runs until its services do.
    package init(configuration: GatewayConfiguration, logger: Logger) {
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
            cache = LabelCache(storage: storage, policy: configuration.cache.policy, logger: logger)
        }
        self.gateway = Gateway(
            configuration: configuration,
            transport: CurlUpstreamTransport(client: curlClient, baseURL: configuration.upstream.baseURL, token: configuration.hubSpotToken),
            cache: cache,
            logger: logger
        )
    }

    /// Every service, in `ServiceGroup` order: the curl client first so it is the last to stop, after
    /// the gateway listener has drained its in-flight calls.
    package func makeServices(
        onGatewayRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        onAdminRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> [any Service] {
        [curlClient] + gateway.makeServices(onGatewayRunning: onGatewayRunning, onAdminRunning: onAdminRunning)
    }
}

