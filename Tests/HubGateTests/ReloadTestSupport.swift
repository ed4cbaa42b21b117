import Logging
import Synchronization

@testable import HubGate

/// Records what a reloader applied, in order.
final class AppliedConfigurations: Sendable {
    private let configurations = Mutex<[GatewayConfiguration]>([])

    /// Everything applied so far.
    var all: [GatewayConfiguration] { configurations.withLock { $0 } }

    /// The reloader's `apply`.
    func record(_ configuration: GatewayConfiguration) {
        configurations.withLock { $0.append(configuration) }
    }
}

/// Loads whatever the test queued next: a configuration or an error.
final class ScriptedLoads: Sendable {
    private let results = Mutex<[Result<GatewayConfiguration, any Error>]>([])

    init(_ results: [Result<GatewayConfiguration, any Error>]) {
        self.results.withLock { $0 = results }
    }

    /// The reload source's `load`.
    func next() throws -> GatewayConfiguration {
        try results.withLock { $0.removeFirst() }.get()
    }
}

extension GatewayConfiguration {
    /// A small valid configuration for reload tests.
    static var reloadTestBase: GatewayConfiguration {
        GatewayConfiguration(
            hubSpotToken: Secret("pat-running"),
            clients: [ClientConfiguration(name: "billing", keyHash: ClientKeyHash.hash(ofKey: "billing-key"), scopes: [.read])]
        )
    }
}
