import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import Testing

/// `/metrics` over real sockets: what it reports must match what the simulator saw.
@Suite(.timeLimit(.minutes(2)))
struct MetricsTests {
    static let labels = "/crm/v4/associations/contacts/companies/labels"
    static let batchRead = "/crm/v4/associations/contacts/companies/batch/read"
    static let labelsRoute = "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels"
    static let batchReadRoute = "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read"

    /// A scripted workload: cache misses and hits, reads with one retried 503, a create, a v3 read,
    /// an unauthenticated call. Upstream counts equal the simulator's; request counts equal what
    /// the test sent.
    @Test func countsMatchTheSimulator() async throws {
        try await GatewayHarness.run { harness in
            harness.simulator.addFault(FaultRule(operation: .batchRead, status: 503, count: 1))
            for _ in 0..<3 { #expect(try await harness.gateway(.get, Self.labels).status == .ok) }
            for _ in 0..<2 {
                #expect(try await harness.gateway(.post, Self.batchRead, body: #"{"inputs":[{"id":"1"}]}"#).status == .ok)
            }
            let create = #"{"inputs":[{"from":{"id":"1"},"to":{"id":"2"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}"#
            #expect(try await harness.gateway(.post, "/crm/v4/associations/contacts/companies/batch/create", body: create).status == .ok)
            #expect(try await harness.gateway(.post, "/crm/v3/associations/contacts/companies/batch/read", body: #"{"inputs":[{"id":"1"}]}"#).status == .ok)
            #expect(try await harness.gateway(.get, Self.labels, key: nil).status == .unauthorized)
            #expect(try await harness.gateway(.get, "/crm/v4/nothing-here").status == .notFound)

            let metrics = try await harness.metrics()
            let simulator = harness.simulator.stats()
            let upstream = Self.sum(metrics, "hubgate_upstream_requests_total{")
            #expect(upstream == Double(simulator.totalRequests))
            #expect(metrics[#"hubgate_upstream_requests_total{kind="batch_read",outcome="server_error"}"#] == 1)
            #expect(metrics[#"hubgate_upstream_retries_total{kind="batch_read"}"#] == 1)
            #expect(metrics[#"hubgate_upstream_requests_total{kind="create",outcome="success"}"#] == Double(simulator.requests(.batchCreate)))
            // Every upstream attempt went through the budget, at once.
            #expect(metrics[#"hubgate_budget_decisions_total{decision="immediate"}"#] == upstream)
            #expect(metrics[#"hubgate_budget_decisions_total{decision="rejected"}"#] == 0)

            #expect(metrics["hubgate_requests_total{route=\"\(Self.labelsRoute)\",version=\"v4\",client=\"writer\",status=\"200\"}"] == 3)
            #expect(metrics["hubgate_requests_total{route=\"\(Self.batchReadRoute)\",version=\"v4\",client=\"writer\",status=\"200\"}"] == 2)
            #expect(metrics["hubgate_requests_total{route=\"\(Self.labelsRoute)\",version=\"v4\",client=\"anonymous\",status=\"401\"}"] == 1)
            #expect(metrics[#"hubgate_requests_total{route="unmatched",version="none",client="writer",status="404"}"#] == 1)
            #expect(Self.sum(metrics, "hubgate_requests_total{") == 9)
            #expect(metrics["hubgate_request_duration_seconds_count{route=\"\(Self.labelsRoute)\",version=\"v4\"}"] == 4)
            #expect(metrics["hubgate_requests_in_flight"] == 0)

            // The cache's own figures, as /cache/stats reports them.
            let stats = try await harness.send(.get, harness.adminURL + "/cache/stats", authorization: nil, body: nil).json
            #expect(metrics[#"hubgate_cache_lookups_total{result="hit"}"#] == (stats["hits"] as? Double))
            #expect(metrics[#"hubgate_cache_lookups_total{result="miss"}"#] == (stats["misses"] as? Double))
            #expect(metrics[#"hubgate_cache_lookups_total{result="hit"}"#] ?? 0 >= 2)
            #expect(metrics[#"hubgate_client_limit_decisions_total{client="writer",decision="allowed"}"#] == 8)
            #expect(metrics["hubgate_budget_remaining{window=\"daily\"}"] == Double(625_000 - simulator.totalRequests))
        }
    }

    /// A budget that is spent shows as queued and refused decisions, never as extra upstream calls.
    @Test func budgetDecisionsAreCounted() async throws {
        try await GatewayHarness.run(gateway: { configuration in
            configuration.budget.configuration.rollingWindow = RollingWindowConfiguration(limit: 2, interval: .seconds(10), latencyAllowance: .zero)
            configuration.budget.maxWait = .milliseconds(50)
            configuration.cache.isEnabled = false
        }) { harness in
            for _ in 0..<3 {
                _ = try await harness.gateway(.post, Self.batchRead, body: #"{"inputs":[{"id":"1"}]}"#)
            }
            let metrics = try await harness.metrics()
            #expect(metrics[#"hubgate_budget_decisions_total{decision="immediate"}"#] == 2)
            #expect(metrics[#"hubgate_budget_decisions_total{decision="rejected"}"#] == 1)
            #expect(Self.sum(metrics, "hubgate_upstream_requests_total{") == Double(harness.simulator.stats().totalRequests))
            #expect(metrics["hubgate_requests_total{route=\"\(Self.batchReadRoute)\",version=\"v4\",client=\"writer\",status=\"429\"}"] == 1)
            #expect(metrics[#"hubgate_budget_remaining{window="burst"}"#] == 0)
        }
    }

    private static func sum(_ metrics: [String: Double], _ prefix: String) -> Double {
        metrics.filter { $0.key.hasPrefix(prefix) }.values.reduce(0, +)
    }
}
