import CoreMetrics
import Prometheus
import Synchronization

/// HubGate's metrics: swift-metrics handles made by a Prometheus factory over this gateway's own
/// registry, which `GET /metrics` on the admin listener renders.
///
/// Each gateway owns its registry (not the process-wide `MetricsSystem`), so tests can run several
/// gateways in one process and compare each one's figures with its simulator's. Handles for labelled
/// series are made once and kept (``MetricSeries``).
package final class GatewayMetrics: Sendable {
    /// The registry `/metrics` renders.
    package let registry: PrometheusCollectorRegistry
    private let requestCounters: MetricSeries<RequestSeries, CoreMetrics.Counter>
    private let requestTimers: MetricSeries<RouteSeries, CoreMetrics.Timer>
    private let upstreamCounters: MetricSeries<UpstreamSeries, CoreMetrics.Counter>
    private let upstreamTimers: [UpstreamCallKind: CoreMetrics.Timer]
    private let retryCounters: [UpstreamCallKind: CoreMetrics.Counter]
    private let clientLimitCounters: MetricSeries<ClientLimitSeries, CoreMetrics.Counter>
    private let inFlight: Meter
    private let cacheHits: CoreMetrics.Counter
    private let cacheMisses: CoreMetrics.Counter
    private let cacheStale: CoreMetrics.Counter
    private let cacheCoalesced: CoreMetrics.Counter
    private let cacheInvalidations: CoreMetrics.Counter
    private let budgetImmediate: CoreMetrics.Counter
    private let budgetQueued: CoreMetrics.Counter
    private let budgetRejected: CoreMetrics.Counter
    private let budgetWait: CoreMetrics.Timer
    private let budgetRemainingBurst: Meter
    private let budgetRemainingDaily: Meter
    private let budgetQueueDepth: Meter
    private let reloadsApplied: CoreMetrics.Counter
    private let reloadsRefused: CoreMetrics.Counter

    private struct RequestSeries: Hashable, Sendable {
        var route: String
        var version: String
        var client: String
        var status: Int
    }

    private struct RouteSeries: Hashable, Sendable {
        var route: String
        var version: String
    }

    private struct UpstreamSeries: Hashable, Sendable {
        var kind: UpstreamCallKind
        var outcome: UpstreamCallOutcome
    }

    private struct ClientLimitSeries: Hashable, Sendable {
        var client: String
        var decision: ClientLimitDecision
    }

    /// Creates the metrics over a new registry (or `registry`), reporting `version` as build info.
    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), version: String = "dev") {
        self.registry = registry
        var configured = PrometheusMetricsFactory(registry: registry)
        // A gateway answers in well under a millisecond; the default buckets start at 5 ms.
        let latencyBuckets: [Duration] = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        configured.durationHistogramBuckets = [
            MetricName.requestDuration: latencyBuckets,
            MetricName.upstreamDuration: latencyBuckets,
            MetricName.budgetWait: [
                .milliseconds(1), .milliseconds(10), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(15), .seconds(30), .seconds(60),
            ],
        ]
        let factory = configured
        requestCounters = MetricSeries { series in
            CoreMetrics.Counter(
                label: MetricName.requests,
                dimensions: [("route", series.route), ("version", series.version), ("client", series.client), ("status", String(series.status))],
                factory: factory
            )
        }
        requestTimers = MetricSeries { series in
            CoreMetrics.Timer(label: MetricName.requestDuration, dimensions: [("route", series.route), ("version", series.version)], factory: factory)
        }
        upstreamCounters = MetricSeries { series in
            CoreMetrics.Counter(
                label: MetricName.upstreamRequests,
                dimensions: [("kind", series.kind.metricLabel), ("outcome", series.outcome.rawValue)],
                factory: factory
            )
        }
        clientLimitCounters = MetricSeries { series in
            CoreMetrics.Counter(
                label: MetricName.clientLimitDecisions,
                dimensions: [("client", series.client), ("decision", series.decision.rawValue)],
                factory: factory
            )
        }
        func counter(_ name: String, _ dimensions: [(String, String)] = []) -> CoreMetrics.Counter {
            CoreMetrics.Counter(label: name, dimensions: dimensions, factory: factory)
        }
        func gauge(_ name: String, _ dimensions: [(String, String)] = []) -> Meter {
            Meter(label: name, dimensions: dimensions, factory: factory)
        }
        var upstreamTimers: [UpstreamCallKind: CoreMetrics.Timer] = [:]
        var retryCounters: [UpstreamCallKind: CoreMetrics.Counter] = [:]
        for kind in UpstreamCallKind.allCases {
            upstreamTimers[kind] = CoreMetrics.Timer(label: MetricName.upstreamDuration, dimensions: [("kind", kind.metricLabel)], factory: factory)
            retryCounters[kind] = counter(MetricName.upstreamRetries, [("kind", kind.metricLabel)])
        }
        self.upstreamTimers = upstreamTimers
        self.retryCounters = retryCounters
        inFlight = gauge(MetricName.requestsInFlight)
        cacheHits = counter(MetricName.cacheLookups, [("result", "hit")])
        cacheMisses = counter(MetricName.cacheLookups, [("result", "miss")])
        cacheStale = counter(MetricName.cacheLookups, [("result", "stale")])
        cacheCoalesced = counter(MetricName.cacheCoalesced)
        cacheInvalidations = counter(MetricName.cacheInvalidations)
        budgetImmediate = counter(MetricName.budgetDecisions, [("decision", "immediate")])
        budgetQueued = counter(MetricName.budgetDecisions, [("decision", "queued")])
        budgetRejected = counter(MetricName.budgetDecisions, [("decision", "rejected")])
        budgetWait = CoreMetrics.Timer(label: MetricName.budgetWait, dimensions: [], factory: factory)
        budgetRemainingBurst = gauge(MetricName.budgetRemaining, [("window", "burst")])
        budgetRemainingDaily = gauge(MetricName.budgetRemaining, [("window", "daily")])
        budgetQueueDepth = gauge(MetricName.budgetQueueDepth)
        reloadsApplied = counter(MetricName.configReloads, [("result", "applied")])
        reloadsRefused = counter(MetricName.configReloads, [("result", "refused")])
        gauge(MetricName.buildInfo, [("version", version)]).set(1.0)
    }

    // MARK: Client requests

    /// A client request arrived.
    package func requestStarted() {
        inFlight.increment()
    }

    /// A client request was answered.
    package func requestFinished(route: String, version: String, client: String, status: Int, duration: Duration) {
        inFlight.decrement()
        requestCounters[RequestSeries(route: route, version: version, client: client, status: status)].increment()
        requestTimers[RouteSeries(route: route, version: version)].record(duration: duration)
    }

    // MARK: Upstream

    /// One attempt at HubSpot ended.
    package func upstreamAttempt(kind: UpstreamCallKind, outcome: UpstreamCallOutcome, duration: Duration) {
        upstreamCounters[UpstreamSeries(kind: kind, outcome: outcome)].increment()
        upstreamTimers[kind]?.record(duration: duration)
    }

    /// The retry policy sent a call again.
    package func upstreamRetried(kind: UpstreamCallKind) {
        retryCounters[kind]?.increment()
    }

    // MARK: Cache

    /// A cacheable read was answered fresh from the cache.
    package func cacheHit() { cacheHits.increment() }
    /// A cacheable read had to go upstream.
    package func cacheMiss() { cacheMisses.increment() }
    /// A stale cached answer was served.
    package func cacheStaleServed() { cacheStale.increment() }
    /// A read joined another's upstream fetch.
    package func cacheJoinedFlight() { cacheCoalesced.increment() }
    /// Cached entries were invalidated.
    package func cacheInvalidated() { cacheInvalidations.increment() }

    // MARK: Budget

    /// A call was granted by the upstream budget, after `waited` (zero when at once).
    package func budgetGranted(waited: Duration, queued: Bool) {
        (queued ? budgetQueued : budgetImmediate).increment()
        budgetWait.record(duration: waited)
    }

    /// A call was refused by the upstream budget.
    package func budgetRefused() { budgetRejected.increment() }

    /// The budget's state as of now, set just before each scrape.
    package func budgetState(burstRemaining: Int, dailyRemaining: Int, queueDepth: Int) {
        budgetRemainingBurst.set(Double(burstRemaining))
        budgetRemainingDaily.set(Double(dailyRemaining))
        budgetQueueDepth.set(Double(queueDepth))
    }

    // MARK: Clients and configuration

    /// The per-client limit decided on one request.
    package func clientLimit(client: String, decision: ClientLimitDecision) {
        clientLimitCounters[ClientLimitSeries(client: client, decision: decision)].increment()
    }

    /// A configuration reload was applied or refused.
    package func configReloaded(applied: Bool) {
        (applied ? reloadsApplied : reloadsRefused).increment()
    }

    /// The Prometheus text exposition of every series.
    package func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}

extension CoreMetrics.Timer {
    /// Records a `Duration` (swift-metrics takes nanoseconds).
    func record(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
