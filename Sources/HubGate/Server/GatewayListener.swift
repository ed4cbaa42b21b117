import HummingbirdCore
import ServiceLifecycle

/// The client-facing listener as a service: opens what requests need (the cache's database, the
/// label names), then runs Hummingbird's server until graceful shutdown.
struct GatewayListener: Service {
    /// Run in order before the listener opens.
    let preparations: [@Sendable () async -> Void]
    /// Hummingbird's server with HubGate's connections.
    let server: any Service
    /// The connections the server opened.
    let connections: OpenConnections

    /// Prepares, then serves until shutdown, and returns once every connection has finished: the
    /// server returns as soon as it stops accepting, and its connections hold no task it waits for.
    func run() async throws {
        // Before the listener opens, so no request races the database being opened.
        for prepare in preparations {
            await prepare()
        }
        try await server.run()
        await connections.allFinished()
    }
}
