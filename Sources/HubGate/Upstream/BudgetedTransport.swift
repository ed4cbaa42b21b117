/// An upstream transport that spends the shared budget: each call waits for its turn, and every
/// answer teaches the budget what HubSpot counted.
package struct BudgetedTransport: UpstreamTransport {
    private let inner: any UpstreamTransport
    private let scheduler: UpstreamScheduler

    /// Wraps `inner` so its calls go through `scheduler`.
    package init(_ inner: any UpstreamTransport, scheduler: UpstreamScheduler) {
        self.inner = inner
        self.scheduler = scheduler
    }

    package func send(_ request: UpstreamRequest) async throws(GatewayError) -> UpstreamResponse {
        let sentAt = try await scheduler.acquire()
        let response = try await inner.send(request)
        scheduler.observe(response, sentAt: sentAt)
        return response
    }
}
