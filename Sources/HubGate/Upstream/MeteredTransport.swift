import HTTPTypes

/// Counts and times every attempt at HubSpot, for the metrics and for the request's access-log line.
/// It wraps the libcurl transport directly, so each retry is counted as the call it is.
package struct MeteredTransport: UpstreamTransport {
    private let inner: any UpstreamTransport
    private let metrics: GatewayMetrics
    private let clock = ContinuousClock()

    /// Wraps `inner`, reporting to `metrics`.
    package init(_ inner: any UpstreamTransport, metrics: GatewayMetrics) {
        self.inner = inner
        self.metrics = metrics
    }

    package func send(_ request: UpstreamRequest) async throws(GatewayError) -> UpstreamResponse {
        let start = clock.now
        let result: Result<UpstreamResponse, GatewayError>
        do {
            result = .success(try await inner.send(request))
        } catch {
            result = .failure(error)
        }
        if let outcome = Self.outcome(of: result) {
            RequestTrace.current?.countUpstreamCall()
            metrics.upstreamAttempt(kind: request.kind, outcome: outcome, duration: start.duration(to: clock.now))
        }
        return try result.get()
    }

    /// How an attempt ended; nil when it never left (shutdown).
    static func outcome(of result: Result<UpstreamResponse, GatewayError>) -> UpstreamCallOutcome? {
        switch result {
        case .success(let response): return UpstreamCallOutcome(status: Int(response.status.code))
        case .failure(let error) where error == .upstreamTimeout: return .timeout
        case .failure(let error) where error == .upstreamUnreachable || error == .upstreamConnectionLost: return .connectionError
        case .failure: return nil
        }
    }
}
