import HTTPTypes
import NIOCore
import Testing

@testable import HubGate

/// The metrics' exposition and the classification of upstream outcomes, without sockets.
struct GatewayMetricsTests {
    @Test func exportsLabelledSeriesOnce() {
        let metrics = GatewayMetrics(version: "1.2.3")
        for _ in 0..<3 {
            metrics.requestStarted()
            metrics.requestFinished(route: "/r/{id}", version: "v4", client: "a", status: 200, duration: .microseconds(300))
        }
        metrics.requestStarted()
        metrics.upstreamAttempt(kind: .batchRead, outcome: .rateLimited, duration: .milliseconds(3))
        metrics.clientLimit(client: "a", decision: .shadowLimited)
        metrics.budgetGranted(waited: .milliseconds(120), queued: true)
        metrics.budgetState(burstRemaining: 17, dailyRemaining: 9_000, queueDepth: 4)
        metrics.configReloaded(applied: false)
        let text = String(decoding: metrics.render(), as: UTF8.self)
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"hubgate_requests_total{route="/r/{id}",version="v4",client="a",status="200"} 3"#))
        #expect(lines.contains(#"hubgate_request_duration_seconds_count{route="/r/{id}",version="v4"} 3"#))
        #expect(lines.contains(#"hubgate_request_duration_seconds_bucket{route="/r/{id}",version="v4",le="0.0005"} 3"#))
        #expect(lines.contains(#"hubgate_request_duration_seconds_bucket{route="/r/{id}",version="v4",le="0.00025"} 0"#))
        #expect(lines.contains("hubgate_requests_in_flight 1.0"))
        #expect(lines.contains(#"hubgate_upstream_requests_total{kind="batch_read",outcome="rate_limited"} 1"#))
        #expect(lines.contains(#"hubgate_client_limit_decisions_total{client="a",decision="shadow_limited"} 1"#))
        #expect(lines.contains(#"hubgate_budget_decisions_total{decision="queued"} 1"#))
        #expect(lines.contains(#"hubgate_budget_wait_seconds_bucket{le="0.25"} 1"#))
        #expect(lines.contains(#"hubgate_budget_remaining{window="burst"} 17.0"#))
        #expect(lines.contains("hubgate_budget_queue_depth 4.0"))
        #expect(lines.contains(#"hubgate_config_reloads_total{result="refused"} 1"#))
        #expect(lines.contains(#"hubgate_build_info{version="1.2.3"} 1.0"#))
        // Every family the catalogue names is present from the start, so dashboards never miss one.
        for name in MetricName.all {
            #expect(text.contains("# TYPE \(name) "), "\(name)")
        }
    }

    @Test(arguments: [
        (200, UpstreamCallOutcome.success), (207, .success), (404, .clientError), (429, .rateLimited), (503, .serverError),
    ])
    func outcomeOfAnAnswer(status: Int, outcome: UpstreamCallOutcome) {
        let response = UpstreamResponse(status: HTTPResponse.Status(code: status), headerFields: [:], body: ByteBuffer())
        #expect(MeteredTransport.outcome(of: .success(response)) == outcome)
    }

    @Test func outcomeOfAFailure() {
        #expect(MeteredTransport.outcome(of: .failure(.upstreamTimeout)) == .timeout)
        #expect(MeteredTransport.outcome(of: .failure(.upstreamUnreachable)) == .connectionError)
        #expect(MeteredTransport.outcome(of: .failure(.upstreamConnectionLost)) == .connectionError)
        #expect(MeteredTransport.outcome(of: .failure(.shuttingDown)) == nil)
    }

    @Test func cacheResultFromCacheStatus() {
        #expect(AccessLog.cacheResult(of: "HubGate; hit; ttl=59") == "hit")
        #expect(AccessLog.cacheResult(of: "HubGate; hit; ttl=-3; detail=stale-while-revalidate") == "stale")
        #expect(AccessLog.cacheResult(of: "HubGate; fwd=miss; stored") == "miss")
        #expect(AccessLog.cacheResult(of: "HubGate; fwd=miss; stored; collapsed") == "coalesced")
        #expect(AccessLog.cacheResult(of: "HubGate; fwd=stale; fwd-status=503; detail=stale-if-error") == "stale")
    }

    @Test func accessLogDurationIsMillisecondsToTheMicrosecond() {
        #expect(AccessLog.Entry.milliseconds(.microseconds(412)) == 0.412)
        #expect(AccessLog.Entry.milliseconds(.seconds(2) + .nanoseconds(1_500)) == 2000.001)
    }
}
