import Foundation
import HTTPTypes
import HubGate
import Logging
import Synchronization
import Testing

/// The access log over real sockets, written by the JSON handler operators use.
@Suite(.timeLimit(.minutes(2)))
struct AccessLogTests {
    /// Every line the gateway logged, at every level.
    final class Lines: Sendable {
        private let storage = Mutex<[String]>([])
        var all: [String] { storage.withLock { $0 } }
        func append(_ bytes: [UInt8]) { storage.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }

        /// A JSON-lines logger at `trace` writing here.
        func logger() -> Logger {
            Logger(label: "hubgate") { label in
                var handler = JSONLogHandler(label: label) { self.append($0) }
                handler.logLevel = .trace
                return handler
            }
        }
    }

    /// One line per request with the id the client saw, its client, route, status, cache result
    /// and upstream spend; and, across every log line at trace level, no token and no client key,
    /// even when a client sends them where they do not belong.
    @Test func oneLinePerRequestAndNoSecrets() async throws {
        let lines = Lines()
        let strayKey = "stray-key-5f0e9d8c7b6a"
        let queryToken = "hapikey-secret-1a2b3c4d"
        try await GatewayHarness.run(gatewayLogger: lines.logger()) { harness in
            let labels = "/crm/v4/associations/contacts/companies/labels"
            let miss = try await harness.gateway(.get, labels)
            let hit = try await harness.gateway(.get, labels + "?hapikey=\(queryToken)", key: GatewayHarness.readerKey)
            let stray = try await harness.gateway(.get, labels, key: strayKey)
            let leaked = try await harness.gateway(
                .post,
                "/crm/v4/associations/contacts/companies/batch/read",
                body: #"{"inputs":[{"id":"1"}],"token":"\#(GatewayHarness.hubSpotToken)"}"#,
                headers: [.cookie: "session=\(strayKey)"]
            )
            #expect([miss.status, hit.status, stray.status, leaked.status] == [.ok, .ok, .unauthorized, .ok])

            let access = lines.all.compactMap(Self.object).filter { $0["log.type"] as? String == "access" }
            #expect(access.count == 4)
            let byID = Dictionary(uniqueKeysWithValues: access.compactMap { line in (line["request.id"] as? String).map { ($0, line) } })
            let missLine = try #require(miss.header("X-Request-Id").flatMap { byID[$0] })
            #expect(missLine["client.name"] as? String == "writer")
            #expect(missLine["http.route"] as? String == "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels")
            #expect(missLine["http.status"] as? Int == 200)
            #expect(missLine["cache"] as? String == "miss")
            #expect(missLine["upstream.calls"] as? Int == 1)
            #expect(missLine["duration_ms"] is Double)
            let hitLine = try #require(hit.header("X-Request-Id").flatMap { byID[$0] })
            #expect(hitLine["client.name"] as? String == "reader")
            #expect(hitLine["cache"] as? String == "hit")
            #expect(hitLine["upstream.calls"] as? Int == 0)
            let strayLine = try #require(stray.header("X-Request-Id").flatMap { byID[$0] })
            #expect(strayLine["client.name"] as? String == "anonymous")
            #expect(strayLine["http.status"] as? Int == 401)
        }
        let everything = lines.all.joined()
        #expect(!everything.isEmpty)
        for secret in [GatewayHarness.hubSpotToken, GatewayHarness.readerKey, GatewayHarness.writerKey, strayKey, queryToken] {
            #expect(!everything.contains(secret), "a log line contains \(secret.prefix(6))…")
        }
    }

    private static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}
