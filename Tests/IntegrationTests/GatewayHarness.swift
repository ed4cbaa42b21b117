import CurlHTTP
import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import Logging
import NIOCore
import ServiceLifecycle

/// A simulator and a gateway in front of it, both on 127.0.0.1 with OS-chosen ports, plus a libcurl
/// test client; torn down gracefully after each test.
struct GatewayHarness {
    static let hubSpotToken = "integration-hubspot-token"
    static let readerKey = "reader-key-7d1f0c2a9b"
    static let writerKey = "writer-key-3e8a5b6c1d"

    let gatewayURL: String
    let adminURL: String
    let simulatorURL: String
    /// In-process control of the simulator: faults, counts, recorded requests.
    let simulator: SimulatorControl
    let client: CurlHTTPClient

    /// Sends a request to the gateway as a client holding `key` (nil: no Authorization header).
    func gateway(_ method: HTTPRequest.Method, _ path: String, key: String? = writerKey, body: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(method, gatewayURL + path, authorization: key.map { "Bearer \($0)" }, body: body, headers: headers)
    }

    /// Sends a request straight to the simulator with HubSpot's token (the baseline a gateway answer is compared with).
    func direct(_ method: HTTPRequest.Method, _ path: String, body: String? = nil) async throws -> TestResponse {
        try await send(method, simulatorURL + path, authorization: "Bearer \(Self.hubSpotToken)", body: body)
    }

    /// Scrapes the admin listener's `/metrics`: each sample line's value by `name{labels}`, exactly as
    /// written (labels in the order HubGate emits them).
    func metrics() async throws -> [String: Double] {
        let response = try await send(.get, adminURL + "/metrics", authorization: nil, body: nil)
        var samples: [String: Double] = [:]
        for line in response.body.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    /// Sends any request with the test client.
    func send(_ method: HTTPRequest.Method, _ url: String, authorization: String?, body: String?, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        if let authorization { fields[.authorization] = authorization }
        if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        let response = try await client.execute(CurlRequest(method: method, url: url, headerFields: fields, body: body.map { ByteBuffer(string: $0) }))
        return TestResponse(status: response.status, headers: response.headerFields, body: String(buffer: response.body), newConnectionCount: response.newConnectionCount)
    }

    /// Runs `body` against a fresh simulator and gateway.
    static func run(
        dialect: SimulatorDialect = .seed,
        simulator tweakSimulator: (inout SimulatorConfiguration) -> Void = { _ in },
        gateway tweakGateway: (inout GatewayConfiguration) -> Void = { _ in },
        upstreamURL: String? = nil,
        reloadSource: ReloadSource? = nil,
        gatewayLogger: Logger? = nil,
        _ body: (GatewayHarness) async throws -> Void
    ) async throws {
        var logger = Logger(label: "integration")
        logger.logLevel = .critical

        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.port = 0
        simulatorConfiguration.dialect = dialect
        simulatorConfiguration.token = hubSpotToken
        simulatorConfiguration.burstLimit = 100_000
        tweakSimulator(&simulatorConfiguration)
        let simulatorPort = PortSignal()
        let simulator = HubSpotSimulator(configuration: simulatorConfiguration, logger: logger) { await simulatorPort.set($0) }

        let gatewayPort = PortSignal()
        let adminPort = PortSignal()
        let client = CurlHTTPClient(logger: logger)
        let simulatorGroup = ServiceGroup(configuration: .init(services: [simulator], logger: logger))

        // Stopped in order: the gateway drains its in-flight calls while HubSpot is still up.
        let simulatorTask = Task { try await simulatorGroup.run() }
        defer { simulatorTask.cancel() }
        let boundSimulatorPort = try await simulatorPort.value()
        var configuration = GatewayConfiguration(
            hubSpotToken: Secret(hubSpotToken),
            clients: [
                ClientConfiguration(name: "reader", keyHash: ClientKeyHash.hash(ofKey: readerKey), scopes: [.read]),
                ClientConfiguration(name: "writer", keyHash: ClientKeyHash.hash(ofKey: writerKey), scopes: [.read, .write]),
            ]
        )
        configuration.server.host = "127.0.0.1"
        configuration.server.port = 0
        configuration.admin.port = 0
        configuration.upstream.baseURL = upstreamURL ?? "http://127.0.0.1:\(boundSimulatorPort)"
        configuration.cache.path = TemporaryDirectory.shared.uniquePath(named: "cache.sqlite")
        configuration.budget.statePath = TemporaryDirectory.shared.uniquePath(named: "state.sqlite")
        tweakGateway(&configuration)
        let runtime = GatewayRuntime(configuration: configuration, reloadSource: reloadSource, logger: gatewayLogger ?? logger)
        let services: [any Service] = [client] + runtime.makeServices(
            onGatewayRunning: { await gatewayPort.set($0) },
            onAdminRunning: { await adminPort.set($0) }
        )
        let gatewayGroup = ServiceGroup(configuration: .init(services: services, logger: logger))
        let gatewayTask = Task { try await gatewayGroup.run() }

        let harness = GatewayHarness(
            gatewayURL: "http://127.0.0.1:\(try await gatewayPort.value())",
            adminURL: "http://127.0.0.1:\(try await adminPort.value())",
            simulatorURL: "http://127.0.0.1:\(boundSimulatorPort)",
            simulator: simulator.control,
            client: client
        )
        let outcome: Result<Void, any Error>
        do {
            try await body(harness)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await gatewayGroup.triggerGracefulShutdown()
        try await gatewayTask.value
        await simulatorGroup.triggerGracefulShutdown()
        try await simulatorTask.value
        try outcome.get()
    }
}

/// A per-process scratch directory for test databases.
final class TemporaryDirectory: Sendable {
    static let shared = TemporaryDirectory()
    let path: String

    private init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hubgate-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A fresh path inside the directory (nothing is created there).
    func uniquePath(named name: String) -> String {
        "\(path)/\(UUID().uuidString)-\(name)"
    }
}

/// A test client's view of one response.
struct TestResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String
    /// Connections the test client opened for this request: 0 when it reused a kept-alive one.
    var newConnectionCount = 0

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    /// A header by name.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}

/// Hands a bound port from a server's `onServerRunning` to the test waiting for it.
actor PortSignal {
    private var port: Int?
    private var waiters: [CheckedContinuation<Int, Never>] = []

    func set(_ port: Int) {
        self.port = port
        for waiter in waiters { waiter.resume(returning: port) }
        waiters.removeAll()
    }

    func value() async throws -> Int {
        if let port { return port }
        return await withCheckedContinuation { waiters.append($0) }
    }
}
