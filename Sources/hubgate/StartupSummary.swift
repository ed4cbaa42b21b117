import HubGate

/// What an operator sees at start-up: where HubGate listens and what it talks to, never secrets.
struct StartupSummary {
    let configuration: GatewayConfiguration

    var lines: [String] {
        [
            "  gateway:   http://\(configuration.server.host):\(configuration.server.port)",
            "  admin:     http://\(configuration.admin.host):\(configuration.admin.port) (/healthz, /readyz)",
            "  upstream:  \(configuration.upstream.baseURL)",
            "  clients:   \(configuration.clients.count) (\(configuration.clients.map(\.name).joined(separator: ", ")))",
            "  token:     \(configuration.hubSpotToken.isEmpty ? "missing" : "set (redacted)")",
        ]
    }
}
