/// Counts and logs every answered client request, whichever path answered it (the Hummingbird
/// responder or the event-loop answers), so both report alike.
struct RequestAccountant: Sendable {
    /// Where requests are counted.
    let metrics: GatewayMetrics
    /// One line per request; nil when the access log is off.
    let accessLog: AccessLog?

    /// A request began (the in-flight gauge).
    func started() {
        metrics.requestStarted()
    }

    /// A request was answered.
    ///
    /// - Parameters:
    ///   - route: the route template, nil when the path matched none.
    ///   - version: `v3` or `v4`, nil when the path matched none.
    ///   - client: the authenticated client's name, nil when none was.
    ///   - cacheStatus: the raw `Cache-Status`, nil for routes that are not cached.
    func finished(
        requestID: String,
        method: String,
        route: String?,
        version: String?,
        client: String?,
        status: Int,
        duration: Duration,
        cacheStatus: String?,
        upstreamCalls: Int
    ) {
        let route = route ?? "unmatched"
        let version = version ?? "none"
        let client = client ?? "anonymous"
        metrics.requestFinished(route: route, version: version, client: client, status: status, duration: duration)
        accessLog?.record(
            AccessLog.Entry(
                requestID: requestID,
                method: method,
                route: route,
                version: version,
                client: client,
                status: status,
                duration: duration,
                cache: cacheStatus.map(AccessLog.cacheResult(of:)),
                upstreamCalls: upstreamCalls
            )
        )
    }
}
