import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import Testing

/// The label and definitions cache over real sockets and a real SQLite file.
@Suite(.timeLimit(.minutes(2)))
struct CacheTests {
    static let labels = "/crm/v4/associations/contacts/companies/labels"
    static let inverseLabels = "/crm/v4/associations/companies/contacts/labels"

    /// 200 concurrent identical label reads cost exactly one upstream call.
    @Test func concurrentReadsCostOneUpstreamCall() async throws {
        try await GatewayHarness.run(simulator: { $0.recordedRequestLimit = 0 }) { harness in
            harness.simulator.addFault(FaultRule(operation: .listLabels, latencyMs: 200, count: 1))
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for index in 0..<200 {
                    group.addTask { try await harness.gateway(.get, Self.labels, key: index.isMultiple(of: 2) ? GatewayHarness.readerKey : GatewayHarness.writerKey) }
                }
                var all: [TestResponse] = []
                for try await response in group { all.append(response) }
                return all
            }
            #expect(responses.count == 200)
            #expect(responses.allSatisfy { $0.status == .ok && $0.body == responses[0].body })
            #expect(harness.simulator.stats().requests(.listLabels) == 1)
        }
    }

    /// Every spelling of the object types shares one entry; hits say so in Cache-Status and Age.
    @Test func spellingsShareOneEntry() async throws {
        try await GatewayHarness.run { harness in
            let miss = try await harness.gateway(.get, Self.labels)
            #expect(miss.header("Cache-Status") == "HubGate; fwd=miss; stored")
            for path in ["/crm/v4/associations/CONTACTS/company/labels", "/crm/v4/associations/0-1/0-2/labels", "/crm/v4/associations/Contact/Companies/labels"] {
                let hit = try await harness.gateway(.get, path)
                #expect(hit.status == .ok)
                #expect(hit.header("Cache-Status")?.hasPrefix("HubGate; hit") == true, "\(path)")
                #expect(hit.header("Age") != nil)
                #expect(hit.body == miss.body)
            }
            #expect(harness.simulator.stats().requests(.listLabels) == 1)
        }
    }

    /// An answer neither tier can keep (over the memory bound, SQLite out of use) is passed on
    /// without `stored` in its `Cache-Status`, and costs an upstream call each time.
    @Test func answerNothingKeptIsNotCalledStored() async throws {
        let blocker = TemporaryDirectory.shared.uniquePath(named: "a-file-not-a-directory")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        try await GatewayHarness.run(gateway: {
            $0.cache.path = blocker + "/cache.sqlite"
            $0.cache.memoryMaxBytes = 16
        }) { harness in
            for _ in 0..<2 {
                let read = try await harness.gateway(.get, "/crm/v4/associations/contacts/companies/labels")
                #expect(read.status == .ok)
                #expect(read.header("Cache-Status") == "HubGate; fwd=miss")
            }
            #expect(harness.simulator.stats().requests(.listLabels) == 2)
        }
    }

    /// Definitions pages are cached per page.
    @Test func definitionsAreCached() async throws {
        try await GatewayHarness.run { harness in
            let first = try await harness.gateway(.get, "/crm/v4/associations/definitions?limit=5")
            let again = try await harness.gateway(.get, "/crm/v4/associations/definitions?limit=5")
            let other = try await harness.gateway(.get, "/crm/v4/associations/definitions?limit=6")
            #expect(first.body == again.body)
            #expect(again.header("Cache-Status")?.hasPrefix("HubGate; hit") == true)
            #expect(other.header("Cache-Status") == "HubGate; fwd=miss; stored")
            #expect(harness.simulator.stats().requests(.listDefinitions) == 2)
        }
    }

    /// A label created through HubGate shows at once in both directions and in the definitions.
    @Test(arguments: SimulatorDialect.allCases)
    func labelWritesInvalidateBothDirections(dialect: SimulatorDialect) async throws {
        try await GatewayHarness.run(dialect: dialect) { harness in
            _ = try await harness.gateway(.get, Self.labels)
            _ = try await harness.gateway(.get, Self.inverseLabels)
            _ = try await harness.gateway(.get, "/crm/v4/associations/definitions")
            #expect(try await harness.gateway(.get, Self.labels).header("Cache-Status")?.hasPrefix("HubGate; hit") == true)

            let created = try await harness.gateway(.post, Self.labels, body: #"{"label":"Decision maker","name":"decision_maker","inverseLabel":"Decided by"}"#)
            #expect(created.status == .ok)

            let forward = try await harness.gateway(.get, Self.labels)
            #expect(forward.header("Cache-Status") == "HubGate; fwd=miss; stored")
            #expect(forward.body.contains("Decision maker"))
            let inverse = try await harness.gateway(.get, Self.inverseLabels)
            #expect(inverse.header("Cache-Status") == "HubGate; fwd=miss; stored")
            #expect(inverse.body.contains("Decided by"))
            let definitions = try await harness.gateway(.get, "/crm/v4/associations/definitions")
            #expect(definitions.body.contains("decision_maker"))
        }
    }

    /// A write HubSpot rejected invalidates nothing.
    @Test func rejectedWritesKeepTheCache() async throws {
        try await GatewayHarness.run { harness in
            _ = try await harness.gateway(.get, Self.labels)
            let rejected = try await harness.gateway(.post, Self.labels, body: #"{"label":"Bad","name":"1-bad-name"}"#)
            #expect(rejected.status == .badRequest)
            #expect(try await harness.gateway(.get, Self.labels).header("Cache-Status")?.hasPrefix("HubGate; hit") == true)
            #expect(harness.simulator.stats().requests(.listLabels) == 1)
        }
    }

    /// A write whose outcome is unknown (HubSpot did not answer in time) invalidates too.
    @Test func unknownWriteOutcomeInvalidates() async throws {
        // 1 s against a 3 s fault, as in the test below: 300 ms is within a loaded machine's reach.
        try await GatewayHarness.run(gateway: { $0.upstream.requestTimeout = .seconds(1) }) { harness in
            _ = try await harness.gateway(.get, Self.labels)
            harness.simulator.addFault(FaultRule(operation: .createLabel, latencyMs: 3000, count: 1))
            let lost = try await harness.gateway(.post, Self.labels, body: #"{"label":"Maybe","name":"maybe"}"#)
            #expect(lost.status == .gatewayTimeout)
            #expect(try await harness.gateway(.get, Self.labels).header("Cache-Status") == "HubGate; fwd=miss; stored")
        }
    }

    /// A label delete whose first attempt timed out after HubSpot applied it is repeated and gets
    /// 404; the cache must still forget the label. A 500 on a create may have been applied too.
    @Test func writesRepeatedAfterAnUnknownOutcomeInvalidate() async throws {
        // A timeout the other calls stay well within on a loaded machine (the whole suite runs at once).
        try await GatewayHarness.run(gateway: { $0.upstream.requestTimeout = .seconds(1) }) { harness in
            let created = try await harness.gateway(.post, Self.labels, body: #"{"label":"Gone soon","name":"gone_soon"}"#)
            let typeID = try #require(((created.json["results"] as? [[String: Any]])?.first?["typeId"] as? Int) ?? (created.json["typeId"] as? Int), "\(created.body)")
            #expect(try await harness.gateway(.get, Self.labels).body.contains("Gone soon"))
            #expect(try await harness.gateway(.get, Self.labels).header("Cache-Status")?.hasPrefix("HubGate; hit") == true)

            harness.simulator.addFault(FaultRule(operation: .deleteLabel, latencyMs: 2_000, count: 1))
            let deleted = try await harness.gateway(.delete, Self.labels + "/\(typeID)")
            #expect(deleted.status == .notFound, "the repeat finds the label already gone")
            let after = try await harness.gateway(.get, Self.labels)
            #expect(after.header("Cache-Status") == "HubGate; fwd=miss; stored")
            #expect(!after.body.contains("Gone soon"))

            #expect(try await harness.gateway(.get, Self.labels).header("Cache-Status")?.hasPrefix("HubGate; hit") == true)
            harness.simulator.addFault(FaultRule(operation: .createLabel, status: 500, count: 1))
            let failed = try await harness.gateway(.post, Self.labels, body: #"{"label":"Maybe","name":"maybe"}"#)
            #expect(failed.status == .internalServerError)
            #expect(try await harness.gateway(.get, Self.labels).header("Cache-Status") == "HubGate; fwd=miss; stored")
        }
    }

    /// A labels read in the schema spec's word order shares the entry of the usual spelling.
    @Test func schemaSpecWordOrderSharesTheEntry() async throws {
        try await GatewayHarness.run { harness in
            let first = try await harness.gateway(.get, "/crm/associations/v4/contacts/companies/labels")
            #expect(first.status == .ok)
            #expect(first.header("Cache-Status") == "HubGate; fwd=miss; stored")
            let second = try await harness.gateway(.get, Self.labels)
            #expect(second.header("Cache-Status")?.hasPrefix("HubGate; hit") == true)
            #expect(second.body == first.body)
            #expect(harness.simulator.recordedRequests(operation: .listLabels).map(\.path) == ["/crm/v4/associations/contacts/companies/labels"])
        }
    }

    /// With HubSpot failing, an expired entry is served stale and says so.
    @Test func servesStaleWhenHubSpotFails() async throws {
        try await GatewayHarness.run(gateway: {
            $0.cache.policy = CachePolicy(freshFor: .zero, staleWhileRevalidate: .zero, staleIfError: .seconds(3600))
        }) { harness in
            let first = try await harness.gateway(.get, Self.labels)
            harness.simulator.addFault(FaultRule(operation: .listLabels, status: 503, count: 3))
            let stale = try await harness.gateway(.get, Self.labels)
            #expect(stale.status == .ok)
            #expect(stale.body == first.body)
            #expect(stale.header("Cache-Status") == "HubGate; fwd=stale; fwd-status=503; detail=stale-if-error")
            harness.simulator.addFault(FaultRule(operation: .listLabels, reset: true, count: 10))
            let onReset = try await harness.gateway(.get, Self.labels)
            #expect(onReset.status == .ok)
            #expect(onReset.header("Cache-Status")?.hasPrefix("HubGate; fwd=stale") == true)
        }
    }

    /// A restarted gateway answers from SQLite without an upstream call.
    @Test func survivesRestart() async throws {
        let path = TemporaryDirectory.shared.uniquePath(named: "restart.sqlite")
        var firstBody = ""
        try await GatewayHarness.run(gateway: { $0.cache.path = path }) { harness in
            firstBody = try await harness.gateway(.get, Self.labels).body
        }
        try await GatewayHarness.run(gateway: { $0.cache.path = path }) { harness in
            let afterRestart = try await harness.gateway(.get, Self.labels)
            #expect(afterRestart.header("Cache-Status")?.hasPrefix("HubGate; hit") == true)
            #expect(afterRestart.body == firstBody)
            #expect(harness.simulator.stats().requests(.listLabels) == 0)
        }
    }

    /// A corrupt or unwritable database file does not stop the gateway from serving.
    @Test func keepsServingWithABrokenDatabase() async throws {
        let corrupt = TemporaryDirectory.shared.uniquePath(named: "corrupt.sqlite")
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: corrupt))
        let unwritable = "/proc/hubgate-cannot-write-here/cache.sqlite"
        for path in [corrupt, unwritable] {
            try await GatewayHarness.run(gateway: { $0.cache.path = path }) { harness in
                let first = try await harness.gateway(.get, Self.labels)
                #expect(first.status == .ok, "\(path)")
                let second = try await harness.gateway(.get, Self.labels)
                #expect(second.status == .ok)
                #expect(second.header("Cache-Status")?.hasPrefix("HubGate; hit") == true, "memory tier still serves hits")
                let ready = try await harness.send(.get, harness.adminURL + "/readyz", authorization: nil, body: nil)
                #expect(ready.status == .ok)
            }
        }
    }

    /// The admin listener reports statistics and purges.
    @Test func adminStatsAndPurge() async throws {
        try await GatewayHarness.run { harness in
            _ = try await harness.gateway(.get, Self.labels)
            _ = try await harness.gateway(.get, Self.labels)
            let stats = try await harness.send(.get, harness.adminURL + "/cache/stats", authorization: nil, body: nil)
            #expect(stats.json["hits"] as? Int == 1)
            #expect(stats.json["misses"] as? Int == 1)
            let purgePair = try await harness.send(.post, harness.adminURL + "/cache/purge?from=companies&to=contacts", authorization: nil, body: nil)
            #expect(purgePair.status == .ok)
            #expect(try await harness.gateway(.get, Self.labels).header("Cache-Status") == "HubGate; fwd=miss; stored")
            let purgeAll = try await harness.send(.post, harness.adminURL + "/cache/purge", authorization: nil, body: nil)
            #expect(purgeAll.json["removed"] as? Int == 1)
            let bad = try await harness.send(.post, harness.adminURL + "/cache/purge?from=gizmos&to=contacts", authorization: nil, body: nil)
            #expect(bad.status == .badRequest)
        }
    }
}
