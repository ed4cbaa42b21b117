import HubGate

/// What an operator sees at start-up: where HubGate listens and what it talks to, never secrets.
struct StartupSummary {
    /// The validated configuration HubGate is about to serve with.
    let configuration: GatewayConfiguration

    /// The summary, one line per listener or upstream setting, ready to print.
    var lines: [String] {
        [
            "  gateway:   http://\(configuration.server.host):\(configuration.server.port)",
            "  admin:     http://\(configuration.admin.host):\(configuration.admin.port) (/healthz, /readyz, /metrics)",
            "  upstream:  \(configuration.upstream.baseURL)\(configuration.upstream.sendsTokenInClear ? " (plain HTTP: the HubSpot token crosses the network unencrypted)" : "")",
            "  clients:   \(configuration.clients.count) (\(configuration.clients.map(\.name).joined(separator: ", ")))",
            "  token:     \(configuration.hubSpotToken.isEmpty ? "missing" : "set (redacted)")",
            "  cache:     \(configuration.cache.isEnabled ? configuration.cache.path : "off")",
            "  budget:    \(budget)",
            "  tasks:     \(EventLoopTaskExecutor.isInstalled ? "on the NIO event loops" : "on Dispatch's threads")",
            "  logs:      \(configuration.logLevel), \(configuration.logFormat.rawValue)\(configuration.isAccessLogEnabled ? ", access log on" : "")",
        ]
    }

    private var budget: String {
        guard configuration.budget.isEnabled else { return "off" }
        let budget = configuration.budget.configuration
        return "\(budget.rollingWindow.limit - budget.rollingWindow.headroom) per \(budget.rollingWindow.interval), "
            + "\(budget.daily.limit - budget.daily.headroom) a day (state: \(configuration.budget.statePath))"
    }
}
