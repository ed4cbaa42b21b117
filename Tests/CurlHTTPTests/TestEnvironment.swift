@testable import CurlHTTP
import Logging
import ServiceLifecycle

/// A running test server and a running client, torn down gracefully when the test body returns.
struct TestEnvironment: Sendable {
    let server: TestServer
    let client: CurlHTTPClient
    let port: Int
    let serviceGroup: ServiceGroup

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(self.port)\(path)" }

    /// Runs `body` with the server and a client in one `ServiceGroup`; the client is listed last,
    /// so graceful shutdown stops it before the server.
    static func withRunning<T: Sendable>(
        client configuration: CurlHTTPClient.Configuration = .init(),
        _ body: @Sendable (TestEnvironment) async throws -> T
    ) async throws -> T {
        let logger = Logger(label: "curl-test", factory: { _ in SwiftLogNoOpLogHandler() })
        let server = TestServer()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = server.makeApplication { port in portContinuation.yield(port) }
        let client = CurlHTTPClient(configuration: configuration, logger: logger)
        let serviceGroup = ServiceGroup(services: [application, client], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await serviceGroup.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CurlError.shutDown }
            let environment = TestEnvironment(server: server, client: client, port: port, serviceGroup: serviceGroup)
            let result: Result<T, any Error>
            do { result = .success(try await body(environment)) } catch { result = .failure(error) }
            server.gate.open()
            await serviceGroup.triggerGracefulShutdown()
            try await group.waitForAll()
            return try result.get()
        }
    }
}
