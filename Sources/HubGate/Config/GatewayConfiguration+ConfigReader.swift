import Configuration
import Crypto

import Foundation

extension GatewayConfiguration {
    /// Reads and validates a configuration.
    ///
    /// ## Configuration keys
    /// Environment variables are the keys upper-cased with `_` for `.` and camel-case humps, prefixed
    /// with `HUBGATE_` by the command line tool (`server.maxBodyBytes` → `HUBGATE_SERVER_MAX_BODY_BYTES`).
    /// - `server.host` (string, default `0.0.0.0`), `server.port` (int, default `8080`),
    ///   `server.maxBodyBytes` (int, default 4 MiB), `server.idleTimeoutSeconds` (int, default `75`;
    ///   `0`: never): the client-facing listener. `server.heapTrimSeconds` (int, default `10`; `0`:
    ///   never): how often freed heap memory goes back to the system.
    /// - `admin.host` (string, default `127.0.0.1`), `admin.port` (int, default `8081`): health and readiness.
    /// - `upstream.url` (string, default `https://api.hubapi.com`): HubSpot, or the simulator.
    /// - `upstream.connectTimeoutMs` (int, default `2000`), `upstream.timeoutMs` (int, default `30000`),
    ///   `upstream.maxConnections` (int, default `64`), `upstream.retryAttempts` (int, default `3`:
    ///   attempts per call for reads and idempotent writes that fail transiently; 1 turns retries off).
    /// - `hubspot.token` (string, secret): the private-app token, read from `secretsReader` only (the
    ///   environment, never a file or the command line); or `hubspot.tokenFile` (string): a file
    ///   holding it, e.g. a systemd credential or Kubernetes secret mount.
    /// - `clientNames` (string array): the client services; for each name `N`:
    ///   `clients.N.keySha256` (string, `sha256:<64 hex>` from `hubgate hash-key`) and
    ///   `clients.N.scopes` (string array of `read`, `write`; default `read`).
    /// - `cache.enabled` (bool, default `true`), `cache.path` (string, default `hubgate-cache.sqlite`),
    ///   `cache.ttlSeconds` (int, default `300`), `cache.staleWhileRevalidateSeconds` (int, default `3600`),
    ///   `cache.staleIfErrorSeconds` (int, default `86400`), `cache.memoryMaxEntries` (int, default `10000`),
    ///   `cache.memoryMaxBytes` (int, default 64 MiB).
    /// - `budget.enabled` (bool, default `true`), `budget.burstLimit` (int, default `190`),
    ///   `budget.intervalMs` (int, default `10000`), `budget.headroom` (int, default `0`),
    ///   `budget.dailyLimit` (int, default `625000`), `budget.dailyHeadroom` (int, default `0`),
    ///   `budget.timeZone` (string, default `UTC`: the account's time zone, for the daily reset),
    ///   `budget.queueCapacity` (int, default `1000`), `budget.maxWaitMs` (int, default `15000`),
    ///   `budget.statePath` (string, default `hubgate-state.sqlite`: keeps the daily count across restarts).
    /// - `clientLimits.enabled` (bool, default `true`), `clientLimits.shadow` (bool, default `false`),
    ///   `clientLimits.quota` (int, default `1000`), `clientLimits.windowSeconds` (int, default `10`),
    ///   `clientLimits.burst` (int, default: the quota); per client `clients.N.quota`,
    ///   `clients.N.windowSeconds`, `clients.N.burst` override them.
    /// - `v3.companyReads` (string, `primary` or `all`, default `primary`): what v3 reads toward
    ///   companies return.
    /// - `v3.createPreservesLabels` (bool, default `true`): read a v3 create's pairs' current types
    ///   and write them again, since v4 create replaces a pair's labels.
    /// - `log.level` (string, default `info`).
    /// - `log.format` (`text` or `json`, default `text`).
    /// - `log.access` (bool, default `true`): one access-log line per client request, at `info`.
    ///
    /// - Throws: `ConfigurationError` listing every problem found.
    ///
    /// - Parameters:
    ///   - reader: every source of ordinary settings, layered (flags, environment, file).
    ///   - secretsReader: where the token may come from (the environment); `reader` if nil.
    ///   - fileReader: the configuration file alone, if there is one: a `hubspot.token` in it is
    ///     refused even when the environment also sets one and wins.
    package init(reader: ConfigReader, secretsReader: ConfigReader? = nil, fileReader: ConfigReader? = nil) throws(ConfigurationError) {
        var problems: [String] = []
        var check = ConfigChecker(reader: reader)

        var server = Server()
        server.host = reader.string(forKey: "server.host", default: server.host)
        server.port = check.port("server.port", default: server.port)
        server.maxBodyBytes = check.int("server.maxBodyBytes", default: server.maxBodyBytes, range: 1...(256 * 1024 * 1024))
        let idleSeconds = check.int("server.idleTimeoutSeconds", default: Int(server.idleTimeout?.components.seconds ?? 0), range: 0...86_400)
        server.idleTimeout = idleSeconds == 0 ? nil : .seconds(idleSeconds)
        let trimSeconds = check.int("server.heapTrimSeconds", default: Int(server.heapTrimInterval?.components.seconds ?? 0), range: 0...86_400)
        server.heapTrimInterval = trimSeconds == 0 ? nil : .seconds(trimSeconds)

        var admin = Admin()
        admin.host = reader.string(forKey: "admin.host", default: admin.host)
        admin.port = check.port("admin.port", default: admin.port)

        // Port 0 picks a free port for each listener; any other shared port would fail to bind at
        // start, after `check-config` had called the configuration valid.
        if server.port != 0, server.port == admin.port {
            problems.append("admin.port: \(admin.port) is also server.port; the two listeners need their own ports")
        }

        var upstream = Upstream()
        upstream.baseURL = reader.string(forKey: "upstream.url", default: upstream.baseURL)
        while upstream.baseURL.hasSuffix("/") { upstream.baseURL.removeLast() }
        if !(upstream.baseURL.hasPrefix("http://") || upstream.baseURL.hasPrefix("https://")) || upstream.baseURL.count < 10 {
            problems.append("upstream.url: must be an http:// or https:// URL")
        } else if let components = URLComponents(string: upstream.baseURL), components.host?.isEmpty == false {
            if let port = components.port, !(1...65535).contains(port) {
                problems.append("upstream.url: port \(port) is outside 1...65535")
            }
        } else {
            problems.append("upstream.url: must be an http:// or https:// URL with a host")
        }
        upstream.connectTimeout = .milliseconds(check.int("upstream.connectTimeoutMs", default: 2000, range: 1...600_000))
        upstream.requestTimeout = .milliseconds(check.int("upstream.timeoutMs", default: 30000, range: 1...3_600_000))
        upstream.maxConnections = check.int("upstream.maxConnections", default: upstream.maxConnections, range: 1...10_000)
        upstream.retry.maxAttempts = check.int("upstream.retryAttempts", default: 3, range: 1...10)

        var cache = Cache()
        cache.isEnabled = check.bool("cache.enabled", default: true)
        cache.path = reader.string(forKey: "cache.path", default: cache.path)
        if cache.path.isEmpty { problems.append("cache.path: must not be empty") }
        cache.policy = CachePolicy(
            freshFor: .seconds(check.int("cache.ttlSeconds", default: 300, range: 0...31_536_000)),
            staleWhileRevalidate: .seconds(check.int("cache.staleWhileRevalidateSeconds", default: 3600, range: 0...31_536_000)),
            staleIfError: .seconds(check.int("cache.staleIfErrorSeconds", default: 86_400, range: 0...31_536_000))
        )
        cache.memoryMaxEntries = check.int("cache.memoryMaxEntries", default: cache.memoryMaxEntries, range: 1...10_000_000)
        cache.memoryMaxBytes = check.int("cache.memoryMaxBytes", default: cache.memoryMaxBytes, range: 1024...(16 << 30))

        var budget = Budget()
        budget.isEnabled = check.bool("budget.enabled", default: true)
        let burstLimit = check.int("budget.burstLimit", default: 190, range: 1...1_000_000)
        let headroom = check.int("budget.headroom", default: 0, range: 0...1_000_000)
        let dailyLimit = check.int("budget.dailyLimit", default: 625_000, range: 1...1_000_000_000)
        let dailyHeadroom = check.int("budget.dailyHeadroom", default: 0, range: 0...1_000_000_000)
        let startupProbe = check.int("budget.startupProbeMs", default: 2000, range: 0...600_000)
        // Read before the cross-checks below, so that their problems are reported with any others.
        let intervalMs = check.int("budget.intervalMs", default: 10_000, range: 100...3_600_000)
        let queueCapacity = check.int("budget.queueCapacity", default: 1000, range: 0...1_000_000)
        let timeZoneName = reader.string(forKey: "budget.timeZone", default: "UTC")
        let timeZone = TimeZone(identifier: timeZoneName)
        if timeZone == nil { problems.append("budget.timeZone: '\(timeZoneName)' is not a time zone identifier") }
        if headroom >= burstLimit { problems.append("budget.headroom: must be below budget.burstLimit") }
        if dailyHeadroom >= dailyLimit { problems.append("budget.dailyHeadroom: must be below budget.dailyLimit") }
        if headroom < burstLimit, dailyHeadroom < dailyLimit {
            budget.configuration = UpstreamBudgetConfiguration(
                rollingWindow: RollingWindowConfiguration(
                    limit: burstLimit,
                    interval: .milliseconds(intervalMs),
                    headroom: headroom,
                    startupProbeTimeout: startupProbe == 0 ? nil : .milliseconds(startupProbe)
                ),
                daily: DailyBudgetConfiguration(limit: dailyLimit, headroom: dailyHeadroom, timeZone: timeZone ?? TimeZone(identifier: "UTC")!),
                queueCapacity: queueCapacity
            )
        }
        budget.maxWait = .milliseconds(check.int("budget.maxWaitMs", default: 15_000, range: 0...3_600_000))
        budget.statePath = reader.string(forKey: "budget.statePath", default: budget.statePath)

        var clientLimits = ClientLimitSettings()
        clientLimits.isEnabled = check.bool("clientLimits.enabled", default: true)
        clientLimits.isShadowMode = check.bool("clientLimits.shadow", default: false)
        let defaultQuota = check.int("clientLimits.quota", default: 1000, range: 1...10_000_000)
        let defaultWindow = check.int("clientLimits.windowSeconds", default: 10, range: 1...86_400)
        let defaultBurst = check.int("clientLimits.burst", default: defaultQuota, range: 1...10_000_000)
        clientLimits.defaultLimit = ClientRateLimit(quota: defaultQuota, window: .seconds(defaultWindow), burst: defaultBurst)
        for name in reader.stringArray(forKey: "clientNames") ?? [] where !name.isEmpty {
            let prefix = "clients.\(name)."
            // Present in any form: a value that is not a number must be reported, not skipped
            // (which would leave the client on the default share).
            let isPresent = { (name: String) in
                let key = ConfigKey(stringLiteral: prefix + name)
                return reader.int(forKey: key) != nil || reader.string(forKey: key) != nil
            }
            guard isPresent("quota") || isPresent("windowSeconds") || isPresent("burst") else { continue }
            let quota = check.int(prefix + "quota", default: defaultQuota, range: 1...10_000_000)
            clientLimits.perClient[name] = ClientRateLimit(
                quota: quota,
                window: .seconds(check.int(prefix + "windowSeconds", default: defaultWindow, range: 1...86_400)),
                burst: check.int(prefix + "burst", default: quota, range: 1...10_000_000)
            )
        }

        let companyReads = reader.string(forKey: "v3.companyReads", default: "primary")
        if companyReads != "primary" && companyReads != "all" {
            problems.append("v3.companyReads: must be primary or all")
        }

        let createPreservesLabels = check.bool("v3.createPreservesLabels", default: true)

        let token = Self.readToken(secretsReader: secretsReader ?? reader, reader: reader, fileReader: fileReader, problems: &problems)
        let clients = Self.readClients(reader: reader, problems: &problems)

        let logLevel = reader.string(forKey: "log.level", default: "info")
        if !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) {
            problems.append("log.level: must be one of trace, debug, info, notice, warning, error, critical")
        }
        let logFormat = reader.string(forKey: "log.format", default: "text")
        if LogFormat(rawValue: logFormat) == nil {
            problems.append("log.format: must be text or json")
        }
        let accessLog = check.bool("log.access", default: true)

        problems.insert(contentsOf: check.problems, at: 0)
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }

        self.init(hubSpotToken: token, clients: clients)
        self.server = server
        self.admin = admin
        self.upstream = upstream
        self.cache = cache
        self.budget = budget
        self.clientLimits = clientLimits
        self.v3CompanyReads = companyReads == "all" ? .all : .primaryOnly
        self.v3CreatePreservesLabels = createPreservesLabels
        self.logLevel = logLevel
        self.logFormat = LogFormat(rawValue: logFormat) ?? .text
        self.isAccessLogEnabled = accessLog
    }

    private static func readToken(secretsReader: ConfigReader, reader: ConfigReader, fileReader: ConfigReader?, problems: inout [String]) -> Secret {
        let refusal = "hubspot.token: not accepted from a configuration file; set HUBGATE_HUBSPOT_TOKEN or hubspot.tokenFile"
        if fileReader?.string(forKey: "hubspot.token", isSecret: true) != nil {
            // Plain text on disk, perhaps readable by more than HubGate: refused even when the
            // environment's token would win, or it would sit there unnoticed.
            problems.append(refusal)
            return Secret("")
        }
        if let token = secretsReader.string(forKey: "hubspot.token", isSecret: true), !token.isEmpty {
            return checked(Secret(token), source: "HUBGATE_HUBSPOT_TOKEN", problems: &problems)
        }
        if reader.string(forKey: "hubspot.token", isSecret: true) != nil {
            // Present in the file (plain text on disk): refuse rather than silently ignore it.
            problems.append(refusal)
            return Secret("")
        }
        if let path = reader.string(forKey: "hubspot.tokenFile") {
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                problems.append("hubspot.tokenFile: cannot read \(path)")
                return Secret("")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if token.isEmpty { problems.append("hubspot.tokenFile: \(path) is empty") }
            return checked(Secret(token), source: "hubspot.tokenFile: \(path)", problems: &problems)
        }
        problems.append("hubspot.token: missing; set HUBGATE_HUBSPOT_TOKEN or hubspot.tokenFile")
        return Secret("")
    }

    /// `token`, if it could be a bearer token: visible ASCII only. A space, a line break or a control
    /// character (a file with two lines, a pasted `Bearer …`) would make a header value HubSpot
    /// refuses every time, or one that says more than a token. The message never quotes it.
    private static func checked(_ token: Secret, source: String, problems: inout [String]) -> Secret {
        if !token.reveal().utf8.allSatisfy({ (0x21...0x7E).contains($0) }) {
            problems.append("\(source): the token holds spaces, line breaks or other characters a bearer token cannot")
        }
        return token
    }

    private static func readClients(reader: ConfigReader, problems: inout [String]) -> [ClientConfiguration] {
        let names = reader.stringArray(forKey: "clientNames") ?? []
        if names.isEmpty {
            problems.append("clientNames: no clients configured; every call would be refused")
        }
        var clients: [ClientConfiguration] = []
        var seenHashes: Set<[UInt8]> = []
        var seenNames: Set<String> = []
        for name in names {
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                problems.append("clientNames: '\(name)' must be letters, digits, '-' or '_'")
                continue
            }
            guard seenNames.insert(name).inserted else {
                problems.append("clientNames: '\(name)' is listed twice")
                continue
            }
            // Every problem of a client is reported, not only its first.
            let client = reader.scoped(to: ConfigKey(["clients", name]))
            var hash: [UInt8]?
            if let hashText = client.string(forKey: "keySha256") {
                hash = ClientKeyHash.parse(hashText)
                if hash == nil { problems.append("clients.\(name).keySha256: must be sha256:<64 hex digits>") }
            } else {
                problems.append("clients.\(name).keySha256: missing (use `hubgate hash-key`)")
            }
            if let hash, !seenHashes.insert(hash).inserted {
                problems.append("clients.\(name).keySha256: the same key is configured for another client")
            }
            var scopes: Set<ClientScope> = []
            for scope in client.stringArray(forKey: "scopes") ?? ["read"] {
                guard let parsed = ClientScope(rawValue: scope.lowercased()) else {
                    problems.append("clients.\(name).scopes: unknown scope '\(scope)' (read, write)")
                    continue
                }
                scopes.insert(parsed)
            }
            if let hash { clients.append(ClientConfiguration(name: name, keyHash: hash, scopes: scopes)) }
        }
        return clients
    }
}
