import Foundation

/// Everything HubGate needs to run, validated at start-up.
///
/// Built from a `ConfigReader` (file, environment, flags) by `init(reader:secretsReader:)`, which
/// documents every key; tests build it directly.
package struct GatewayConfiguration: Sendable {
    /// The inbound listener that client services call.
    package struct Server: Sendable, Equatable {
        /// Address to bind.
        package var host: String = "0.0.0.0"
        /// Port to bind; 0 picks a free one (tests).
        package var port: Int = 8080
        /// Largest request body accepted; larger ones get 413 without an upstream call.
        package var maxBodyBytes: Int = 4 * 1024 * 1024
        /// How long a client connection may sit with no request before HubGate closes it; nil: never.
        /// Like nginx's `keepalive_timeout` (75 s): a client that vanished without closing does not
        /// hold its connection's memory for good.
        package var idleTimeout: Duration? = .seconds(75)
        /// How often glibc's allocator gives freed memory back to the system (`HeapTrimService`);
        /// nil: never.
        package var heapTrimInterval: Duration? = .seconds(10)

        /// Creates the listener settings with defaults.
        package init() {}
    }

    /// The operator listener: health, readiness (and later metrics, cache admin).
    package struct Admin: Sendable, Equatable {
        /// Address to bind; localhost by default so it is not reachable from the network.
        package var host: String = "127.0.0.1"
        /// Port to bind; 0 picks a free one.
        package var port: Int = 8081

        /// Creates the admin settings with defaults.
        package init() {}
    }

    /// Where and how HubGate calls HubSpot.
    package struct Upstream: Sendable, Equatable {
        /// Base URL of the HubSpot API (or the simulator), without a trailing slash.
        package var baseURL: String = "https://api.hubapi.com"
        /// Time allowed to establish a connection.
        package var connectTimeout: Duration = .seconds(2)
        /// Time allowed for a whole upstream call.
        package var requestTimeout: Duration = .seconds(30)
        /// Most connections kept open to the upstream host.
        package var maxConnections: Int = 64
        /// When and how often failed calls are tried again (`maxAttempts` 1: never).
        package var retry = RetryPolicy()

        /// Creates the upstream settings with defaults.
        package init() {}

        /// Whether calls carry the HubSpot token unencrypted over a network: a plain `http://` URL
        /// whose host is not this machine's loopback (the simulator on 127.0.0.1 is not).
        package var sendsTokenInClear: Bool {
            guard let url = URL(string: baseURL), url.scheme?.lowercased() == "http" else { return false }
            let lowered = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
            let isLoopbackIPv4 = octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
            return !(lowered == "localhost" || lowered.hasSuffix(".localhost") || lowered == "::1" || isLoopbackIPv4)
        }
    }

    /// The label and definitions cache.
    package struct Cache: Sendable, Equatable {
        /// Whether reads of labels and definitions are cached at all.
        package var isEnabled: Bool = true
        /// The SQLite file (created with its directory if missing).
        package var path: String = "hubgate-cache.sqlite"
        /// Freshness, stale-while-revalidate and stale-if-error windows.
        package var policy = CachePolicy()
        /// Most entries kept in memory.
        package var memoryMaxEntries: Int = 10_000
        /// Most body bytes kept in memory.
        package var memoryMaxBytes: Int = 64 * 1024 * 1024

        /// Creates the cache settings with defaults.
        package init() {}
    }

    /// The shared upstream budget (HubSpot's burst and daily limits, spent by every client together).
    package struct Budget: Sendable, Equatable {
        /// Whether calls are held to the budget at all.
        package var isEnabled: Bool = true
        /// HubSpot's rolling window and daily numbers, the headroom kept for other integrations, the
        /// start-up probe (2 s, as `budget.startupProbeMs` defaults to) and the waiting queue's size.
        package var configuration = UpstreamBudgetConfiguration(rollingWindow: RollingWindowConfiguration(startupProbeTimeout: .seconds(2)))
        /// How long a call may wait for its turn before it gets 429.
        package var maxWait: Duration = .seconds(15)
        /// The SQLite file keeping the daily count across restarts.
        package var statePath: String = "hubgate-state.sqlite"

        /// Creates the budget settings with defaults (HubSpot Professional: 190 per 10 s, 625,000 a day).
        package init() {}
    }

    /// Budget settings.
    package var budget = Budget()

    /// Each client service's own share of HubGate.
    package struct ClientLimitSettings: Sendable, Equatable {
        /// Whether clients are limited at all.
        package var isEnabled: Bool = true
        /// Log what would be limited, but serve it (to size limits before enforcing them).
        package var isShadowMode: Bool = false
        /// The share of a client with no limit of its own: 1,000 calls per 10 s on average, bursts
        /// of 1,000 (generous: HubSpot is protected by the budget; this stops one runaway service).
        package var defaultLimit = ClientRateLimit(quota: 1000, window: .seconds(10))
        /// Limits set per client name.
        package var perClient: [String: ClientRateLimit] = [:]

        /// Creates the settings with defaults.
        package init() {}
    }

    /// Per-client limit settings.
    package var clientLimits = ClientLimitSettings()

    /// How v3 `batch/read` toward companies answers: only the primary company (v3's documented
    /// behaviour, the default) or every associated company.
    package var v3CompanyReads: V3ResponseTranslator.CompanyReads = .primaryOnly

    /// Whether a v3 create first reads its pairs' current types and writes them again beside the
    /// new ones. HubSpot documents that v4 create *replaces* a pair's labels while v3 create adds,
    /// so this is on by default; it costs one upstream read per create (more for records with
    /// over 500 associations). Turn it off only against an upstream that adds (the simulator).
    package var v3CreatePreservesLabels = true

    /// Inbound listener settings.
    package var server = Server()
    /// Cache settings.
    package var cache = Cache()
    /// Admin listener settings.
    package var admin = Admin()
    /// Upstream settings.
    package var upstream = Upstream()
    /// The HubSpot private-app token injected into every upstream call.
    package var hubSpotToken: Secret
    /// The client services allowed to call the gateway.
    package var clients: [ClientConfiguration]
    /// Minimum log level (`trace` … `critical`).
    package var logLevel: String = "info"
    /// How log lines are written: human-readable text or one JSON object per line.
    package var logFormat: LogFormat = .text
    /// Whether each client request gets an access-log line (at `info`).
    package var isAccessLogEnabled: Bool = true

    /// Creates a configuration with defaults for everything but the token and the clients.
    package init(hubSpotToken: Secret, clients: [ClientConfiguration]) {
        self.hubSpotToken = hubSpotToken
        self.clients = clients
    }
}
