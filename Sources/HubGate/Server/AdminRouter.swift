import Foundation
import HubSpotModel
import Hummingbird

/// Routes of the operator listener.
enum AdminRouter {
    /// `/metrics`: Prometheus text exposition. `/healthz`: the process is alive. `/readyz`: it should receive traffic (a degraded cache does
    /// not make it unready: requests are still served). `/cache/stats`, `POST /cache/purge`
    /// (optionally `?from=&to=` for one object pair, both directions). `/budget/stats`, and
    /// `POST /budget/daily/resume`, which lifts a stop after a `DAILY` 429. `POST /config/reload`:
    /// 200 with what changed, or 422 with why the new configuration was refused.
    static func make(
        readiness: ReadinessState,
        cache: LabelCache?,
        scheduler: UpstreamScheduler?,
        metrics: GatewayMetrics,
        reloader: ConfigurationReloader
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/metrics") { _, _ in
            if let scheduler {
                // Gauges of state the budget owns are read at scrape time rather than on every change.
                let remaining = scheduler.remaining
                metrics.budgetState(burstRemaining: remaining.burst, dailyRemaining: remaining.daily, queueDepth: scheduler.queueDepth)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.render()))
            )
        }
        router.get("/healthz") { _, _ in
            json(.ok, ["status": "ok"])
        }
        router.get("/readyz") { _, _ in
            let ready = readiness.isReady
            var body: [String: Any] = ["status": ready ? "ready" : "not ready"]
            if let cache {
                let stats = await cache.storageStats()
                body["cache"] = stats.degradedReason.map { "degraded: \($0)" } ?? "ok"
            }
            return json(ready ? .ok : .serviceUnavailable, body)
        }
        router.get("/cache/stats") { _, _ in
            guard let cache else { return json(.notFound, ["status": "cache disabled"]) }
            let storage = await cache.storageStats()
            let statistics = cache.statistics
            var body: [String: Any] = [
                "hits": statistics.hits,
                "misses": statistics.misses,
                "staleServed": statistics.staleServed,
                "coalesced": statistics.coalesced,
                "invalidations": statistics.invalidations,
                "memoryEntries": storage.memoryEntries,
                "degraded": storage.degradedReason ?? NSNull(),
            ]
            body["diskEntries"] = storage.diskEntries ?? NSNull()
            return json(.ok, body)
        }
        router.get("/budget/stats") { _, _ in
            guard let scheduler else { return json(.notFound, ["status": "budget disabled"]) }
            let statistics = scheduler.statistics
            func milliseconds(_ duration: Duration?) -> Any {
                guard let duration else { return NSNull() }
                return Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            }
            return json(.ok, [
                "sent": statistics.sent,
                "sentImmediately": statistics.sentImmediately,
                "queued": statistics.queued,
                "rejected": statistics.rejected,
                "withdrawnClientGone": statistics.cancelled,
                "upstream429s": statistics.upstream429s,
                "queueDepth": scheduler.queueDepth,
                "waitP50Ms": milliseconds(statistics.waitTimes.percentile(0.5)),
                "waitP99Ms": milliseconds(statistics.waitTimes.percentile(0.99)),
                "dailySent": scheduler.dailySnapshot?.sent ?? 0,
                // No call may go until midnight: a `DAILY` 429, or the day's count spent.
                "dailyStopped": scheduler.remaining.daily == 0,
            ])
        }
        router.post("/budget/daily/resume") { _, _ in
            guard let scheduler else { return json(.notFound, ["status": "budget disabled"]) }
            return json(.ok, ["resumed": scheduler.resumeDaily()])
        }
        router.post("/cache/purge") { request, _ in
            guard let cache else { return json(.notFound, ["status": "cache disabled"]) }
            let from = request.uri.queryParameters["from"].flatMap { ObjectType(pathSegment: $0) }
            let to = request.uri.queryParameters["to"].flatMap { ObjectType(pathSegment: $0) }
            switch (request.uri.queryParameters["from"], request.uri.queryParameters["to"]) {
            case (nil, nil):
                let removed = await cache.purgeAll()
                return json(.ok, ["purged": "all", "removed": removed])
            default:
                guard let from, let to else {
                    return json(.badRequest, ["status": "error", "message": "from and to must both be object types HubSpot accepts"])
                }
                await cache.invalidate(tags: [.pair(from: from, to: to), .pair(from: to, to: from), .definitions])
                return json(.ok, ["purged": "\(from.id)<->\(to.id)"])
            }
        }
        router.post("/config/reload") { _, _ in
            switch await reloader.reload() {
            case .applied(let changed, let restartRequired):
                return json(.ok, ["status": "applied", "changed": changed, "restartRequired": restartRequired])
            case .refused(let message, let problems):
                return json(.unprocessableContent, ["status": "refused", "message": message, "problems": problems])
            }
        }
        return router
    }

    private static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
