import Configuration
import HTTPTypes
import HubGate
import HubSpotSimulator
import Synchronization
import Testing

/// Live reload through `POST /config/reload` over real sockets: new clients and limits take effect,
/// budget counters and client buckets survive, connections stay up, and an invalid configuration
/// changes nothing.
@Suite(.timeLimit(.minutes(1)))
struct ConfigurationReloadTests {
    static let path = "/crm/v4/objects/contacts/1/associations/companies"
    static let auditorKey = "auditor-key-5f0e9d8c7b"

    /// The configuration "file": values a reload reads again, validated by the real reader.
    final class Values: Sendable {
        private let values = Mutex<[AbsoluteConfigKey: ConfigValue]>([:])

        func set(_ key: AbsoluteConfigKey, _ value: ConfigContent) {
            values.withLock { $0[key] = ConfigValue(value, isSecret: key == "hubspot.token") }
        }

        func remove(_ key: AbsoluteConfigKey) {
            values.withLock { $0[key] = nil }
        }

        func load() throws(ConfigurationError) -> GatewayConfiguration {
            try GatewayConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: values.withLock { $0 })))
        }

        /// A source reading these values on every reload.
        var source: ReloadSource {
            ReloadSource(load: { try self.load() })
        }
    }

    /// The harness's configuration as values: the same clients, plus a writer share of 5 per minute
    /// and a budget of 50 per 10 s.
    static func values(from configuration: GatewayConfiguration) -> Values {
        let values = Values()
        values.set("server.host", .string("127.0.0.1"))
        values.set("server.port", .int(0))
        values.set("admin.port", .int(0))
        values.set("upstream.url", .string(configuration.upstream.baseURL))
        values.set("cache.path", .string(configuration.cache.path))
        values.set("budget.statePath", .string(configuration.budget.statePath))
        values.set("hubspot.token", .string(GatewayHarness.hubSpotToken))
        values.set("clientNames", .stringArray(["reader", "writer"]))
        values.set("clients.reader.keySha256", .string(ClientKeyHash.formatted(ofKey: GatewayHarness.readerKey)))
        values.set("clients.reader.scopes", .stringArray(["read"]))
        values.set("clients.writer.keySha256", .string(ClientKeyHash.formatted(ofKey: GatewayHarness.writerKey)))
        values.set("clients.writer.scopes", .stringArray(["read", "write"]))
        values.set("clients.writer.quota", .int(5))
        values.set("clients.writer.windowSeconds", .int(60))
        values.set("budget.burstLimit", .int(50))
        return values
    }

    /// Runs `body` with a gateway started from, and reloading from, `Values`.
    static func withGateway(_ body: (GatewayHarness, Values) async throws -> Void) async throws {
        let holder = Mutex<Values?>(nil)
        let source = ReloadSource(load: {
            guard let values = holder.withLock({ $0 }) else { throw ConfigurationError(problems: ["not started"]) }
            return try values.load()
        })
        try await GatewayHarness.run(
            gateway: { configuration in
                let values = Self.values(from: configuration)
                holder.withLock { $0 = values }
                // Started from exactly what a reload reads, so only the test's edits differ.
                configuration = (try? values.load()) ?? configuration
            },
            reloadSource: source
        ) { harness in
            let values = try #require(holder.withLock { $0 })
            try await body(harness, values)
        }
    }

    /// Polls `condition` (an event in another task, not the passing of time) for up to 10 s.
    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<1000 where !condition() {
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(condition())
    }

    func reload(_ harness: GatewayHarness) async throws -> TestResponse {
        try await harness.send(.post, harness.adminURL + "/config/reload", authorization: nil, body: nil)
    }

    func budgetStats(_ harness: GatewayHarness) async throws -> (sent: Int, dailySent: Int) {
        let stats = try await harness.send(.get, harness.adminURL + "/budget/stats", authorization: nil, body: nil).json
        return (try #require(stats["sent"] as? Int), try #require(stats["dailySent"] as? Int))
    }

    /// A reload adds a client, removes one and raises a share and the budget: the new key works, the
    /// removed one gets 401, the budget's counts and the kept client's bucket are unchanged, and a
    /// call in flight and a kept-alive connection carry on.
    @Test func reloadKeepsCountersAndConnections() async throws {
        try await Self.withGateway { harness, values in
            for _ in 0..<2 {
                #expect(try await harness.gateway(.get, Self.path, key: GatewayHarness.writerKey).status == .ok)
            }
            #expect(try await harness.gateway(.get, Self.path, key: GatewayHarness.readerKey).status == .ok)
            let before = try await budgetStats(harness)
            #expect(before.sent == 3)
            #expect(before.dailySent == 3)

            // A call still upstream while the reload happens.
            harness.simulator.addFault(FaultRule(operation: .listLabels, latencyMs: 500, count: 1))
            let inFlight = Task { try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels", key: GatewayHarness.readerKey) }
            try await Self.waitUntil { harness.simulator.stats().requests(.listLabels) == 1 }

            values.set("clientNames", .stringArray(["writer", "auditor"]))
            values.remove("clients.reader.keySha256")
            values.set("clients.auditor.keySha256", .string(ClientKeyHash.formatted(ofKey: Self.auditorKey)))
            values.set("clients.writer.quota", .int(10))
            values.set("budget.burstLimit", .int(60))
            let reloaded = try await reload(harness)
            #expect(reloaded.status == .ok)
            #expect(reloaded.json["status"] as? String == "applied")
            let changed = try #require(reloaded.json["changed"] as? [String])
            #expect(changed == ["clientNames", "clients.writer.quota", "clients.writer.burst", "budget.burstLimit"])
            #expect(reloaded.json["restartRequired"] as? [String] == [])

            let after = try await budgetStats(harness)
            #expect(after.sent == before.sent + 1, "only the call in flight was granted since")
            #expect(after.dailySent == before.dailySent + 1)
            #expect(try await inFlight.value.status == .ok)

            let auditor = try await harness.gateway(.get, Self.path, key: Self.auditorKey)
            #expect(auditor.status == .ok)
            #expect(auditor.newConnectionCount == 0, "the kept-alive connection from before the reload is reused")
            #expect(try await harness.gateway(.get, Self.path, key: GatewayHarness.readerKey).status == .unauthorized)
            // The writer spent 2 of 5; under 10 per minute it keeps its 3 (not a full bucket of 10).
            let writer = try await harness.gateway(.get, Self.path, key: GatewayHarness.writerKey)
            #expect(writer.status == .ok)
            #expect(writer.header("RateLimit-Policy") == #""client";q=10;w=60"#)
            #expect(writer.header("RateLimit")?.hasPrefix(#""client";r=2;"#) == true)
        }
    }

    /// An invalid configuration is refused with the reason and changes nothing: the old clients
    /// still work, and a later valid reload still applies.
    @Test func rejectsAnInvalidConfiguration() async throws {
        try await Self.withGateway { harness, values in
            values.set("clientNames", .stringArray(["writer"]))
            values.set("budget.headroom", .int(50))
            let refused = try await reload(harness)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["status"] as? String == "refused")
            let message = try #require(refused.json["message"] as? String)
            #expect(message.contains("budget.headroom: must be below budget.burstLimit"))
            #expect(!message.contains(GatewayHarness.hubSpotToken))
            #expect(try await harness.gateway(.get, Self.path, key: GatewayHarness.readerKey).status == .ok)

            values.remove("budget.headroom")
            let applied = try await reload(harness)
            #expect(applied.status == .ok)
            #expect(applied.json["changed"] as? [String] == ["clientNames"])
            #expect(try await harness.gateway(.get, Self.path, key: GatewayHarness.readerKey).status == .unauthorized)
        }
    }

    /// Keys that need a restart are reported and keep their running value; the rest applies.
    @Test func reportsKeysThatNeedARestart() async throws {
        try await Self.withGateway { harness, values in
            values.set("upstream.url", .string("http://127.0.0.1:1"))
            values.set("cache.ttlSeconds", .int(60))
            let reloaded = try await reload(harness)
            #expect(reloaded.status == .ok)
            #expect(reloaded.json["changed"] as? [String] == ["cache.ttlSeconds"])
            #expect(reloaded.json["restartRequired"] as? [String] == ["upstream.url"])
            // Still talking to the simulator.
            #expect(try await harness.gateway(.get, Self.path).status == .ok)
        }
    }
}
