/// What a configuration reload changes: the running configuration compared with a newly loaded,
/// already validated one, key by key.
///
/// Pure. Settings read on every request or decision (clients, limits, TTLs, budget numbers, the
/// token, the log level) can change in place; settings fixed when a listener, connection pool,
/// file, transport chain or log handler was built (addresses, upstream, cache and budget switches
/// and files, log format and access log) cannot: for those, the plan keeps the running value and names the key as needing a restart.
package struct ReloadPlan: Sendable {
    /// The configuration in force after the reload: the loaded one, with every setting that needs a
    /// restart kept as it runs. The next reload compares against it, so a pending restart is
    /// reported until it happens.
    package let configuration: GatewayConfiguration
    /// Reloadable keys whose value changes, in configuration-file spelling (`clients.billing.scopes`,
    /// `budget.burstLimit`). Never values: `hubspot.token` is named, its value is not.
    package let changed: [String]
    /// Keys whose new value takes effect only after a restart; their running value stays.
    package let restartRequired: [String]

    /// Compares `running` with `loaded`.
    package init(running: GatewayConfiguration, loaded: GatewayConfiguration) {
        changed = Self.reloadableChanges(from: running, to: loaded)
        restartRequired = Self.restartChanges(from: running, to: loaded)
        var configuration = loaded
        configuration.server.host = running.server.host
        configuration.server.port = running.server.port
        configuration.server.idleTimeout = running.server.idleTimeout
        configuration.server.heapTrimInterval = running.server.heapTrimInterval
        configuration.admin = running.admin
        configuration.upstream = running.upstream
        configuration.cache.isEnabled = running.cache.isEnabled
        configuration.cache.path = running.cache.path
        configuration.cache.memoryMaxEntries = running.cache.memoryMaxEntries
        configuration.cache.memoryMaxBytes = running.cache.memoryMaxBytes
        configuration.budget.isEnabled = running.budget.isEnabled
        configuration.budget.statePath = running.budget.statePath
        configuration.budget.configuration.rollingWindow.startupProbeTimeout = running.budget.configuration.rollingWindow.startupProbeTimeout
        configuration.logFormat = running.logFormat
        configuration.isAccessLogEnabled = running.isAccessLogEnabled
        self.configuration = configuration
    }

    /// Whether the reload changes nothing and needs no restart.
    package var isEmpty: Bool { changed.isEmpty && restartRequired.isEmpty }

    // MARK: - Reloadable

    private static func reloadableChanges(from old: GatewayConfiguration, to new: GatewayConfiguration) -> [String] {
        var keys = Keys()
        keys.compare("server.maxBodyBytes", old.server.maxBodyBytes, new.server.maxBodyBytes)
        keys.compare("hubspot.token", old.hubSpotToken, new.hubSpotToken)
        keys.append(contentsOf: clientChanges(from: old.clients, to: new.clients))

        let oldLimits = old.clientLimits
        let newLimits = new.clientLimits
        keys.compare("clientLimits.enabled", oldLimits.isEnabled, newLimits.isEnabled)
        keys.compare("clientLimits.shadow", oldLimits.isShadowMode, newLimits.isShadowMode)
        keys.compare(limit: "clientLimits", oldLimits.defaultLimit, newLimits.defaultLimit)
        for name in Set(oldLimits.perClient.keys).union(newLimits.perClient.keys).sorted() {
            keys.compare(
                limit: "clients.\(name)",
                oldLimits.perClient[name] ?? oldLimits.defaultLimit,
                newLimits.perClient[name] ?? newLimits.defaultLimit
            )
        }

        keys.compare("cache.ttlSeconds", old.cache.policy.freshFor, new.cache.policy.freshFor)
        keys.compare("cache.staleWhileRevalidateSeconds", old.cache.policy.staleWhileRevalidate, new.cache.policy.staleWhileRevalidate)
        keys.compare("cache.staleIfErrorSeconds", old.cache.policy.staleIfError, new.cache.policy.staleIfError)

        let oldBudget = old.budget.configuration
        let newBudget = new.budget.configuration
        keys.compare("budget.burstLimit", oldBudget.rollingWindow.limit, newBudget.rollingWindow.limit)
        keys.compare("budget.intervalMs", oldBudget.rollingWindow.interval, newBudget.rollingWindow.interval)
        keys.compare("budget.headroom", oldBudget.rollingWindow.headroom, newBudget.rollingWindow.headroom)
        keys.compare("budget.dailyLimit", oldBudget.daily.limit, newBudget.daily.limit)
        keys.compare("budget.dailyHeadroom", oldBudget.daily.headroom, newBudget.daily.headroom)
        keys.compare("budget.timeZone", oldBudget.daily.timeZone, newBudget.daily.timeZone)
        keys.compare("budget.queueCapacity", oldBudget.queueCapacity, newBudget.queueCapacity)
        keys.compare("budget.maxWaitMs", old.budget.maxWait, new.budget.maxWait)

        keys.compare("v3.companyReads", old.v3CompanyReads, new.v3CompanyReads)
        keys.compare("v3.createPreservesLabels", old.v3CreatePreservesLabels, new.v3CreatePreservesLabels)
        keys.compare("log.level", old.logLevel, new.logLevel)
        return keys.names
    }

    /// `clientNames` when clients come or go; `clients.N.keySha256` / `.scopes` for a client whose
    /// key or scopes change.
    private static func clientChanges(from old: [ClientConfiguration], to new: [ClientConfiguration]) -> [String] {
        var keys = Keys()
        keys.compare("clientNames", Set(old.map(\.name)), Set(new.map(\.name)))
        let oldByName = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for client in new {
            guard let previous = oldByName[client.name] else { continue }
            keys.compare("clients.\(client.name).keySha256", previous.keyHash, client.keyHash)
            keys.compare("clients.\(client.name).scopes", previous.scopes, client.scopes)
        }
        return keys.names
    }

    // MARK: - Restart required

    private static func restartChanges(from old: GatewayConfiguration, to new: GatewayConfiguration) -> [String] {
        var keys = Keys()
        keys.compare("server.host", old.server.host, new.server.host)
        keys.compare("server.port", old.server.port, new.server.port)
        keys.compare("server.idleTimeoutSeconds", old.server.idleTimeout, new.server.idleTimeout)
        keys.compare("server.heapTrimSeconds", old.server.heapTrimInterval, new.server.heapTrimInterval)
        keys.compare("admin.host", old.admin.host, new.admin.host)
        keys.compare("admin.port", old.admin.port, new.admin.port)
        keys.compare("upstream.url", old.upstream.baseURL, new.upstream.baseURL)
        keys.compare("upstream.connectTimeoutMs", old.upstream.connectTimeout, new.upstream.connectTimeout)
        keys.compare("upstream.timeoutMs", old.upstream.requestTimeout, new.upstream.requestTimeout)
        keys.compare("upstream.maxConnections", old.upstream.maxConnections, new.upstream.maxConnections)
        keys.compare("upstream.retryAttempts", old.upstream.retry, new.upstream.retry)
        keys.compare("cache.enabled", old.cache.isEnabled, new.cache.isEnabled)
        keys.compare("cache.path", old.cache.path, new.cache.path)
        keys.compare("cache.memoryMaxEntries", old.cache.memoryMaxEntries, new.cache.memoryMaxEntries)
        keys.compare("cache.memoryMaxBytes", old.cache.memoryMaxBytes, new.cache.memoryMaxBytes)
        keys.compare("budget.enabled", old.budget.isEnabled, new.budget.isEnabled)
        keys.compare("budget.statePath", old.budget.statePath, new.budget.statePath)
        // The probe happens once, at start: a new timeout can only matter to the next one.
        keys.compare(
            "budget.startupProbeMs",
            old.budget.configuration.rollingWindow.startupProbeTimeout,
            new.budget.configuration.rollingWindow.startupProbeTimeout
        )
        keys.compare("log.format", old.logFormat, new.logFormat)
        keys.compare("log.access", old.isAccessLogEnabled, new.isAccessLogEnabled)
        return keys.names
    }

    /// The names of keys found to differ, in the order compared.
    private struct Keys {
        var names: [String] = []

        mutating func compare<Value: Equatable>(_ key: String, _ old: Value, _ new: Value) {
            if old != new { names.append(key) }
        }

        /// A client limit's three keys under `prefix` (`clientLimits`, `clients.N`).
        mutating func compare(limit prefix: String, _ old: ClientRateLimit, _ new: ClientRateLimit) {
            compare(prefix + ".quota", old.quota, new.quota)
            compare(prefix + ".windowSeconds", old.window, new.window)
            compare(prefix + ".burst", old.burst, new.burst)
        }

        mutating func append(contentsOf other: [String]) {
            names.append(contentsOf: other)
        }
    }
}
