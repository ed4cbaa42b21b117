/// An upstream transport that spends the shared budget: each call waits for its turn (or spends the
/// one its request already waited for, `PrepaidTurn`), and every answer teaches the budget what
/// HubSpot counted.
package struct BudgetedTransport: UpstreamTransport {
    private let inner: any UpstreamTransport
    private let scheduler: UpstreamScheduler
    private let metrics: GatewayMetrics?

    /// Wraps `inner` so its calls go through `scheduler`, reporting its decisions to `metrics`.
    package init(_ inner: any UpstreamTransport, scheduler: UpstreamScheduler, metrics: GatewayMetrics? = nil) {
        self.inner = inner
        self.scheduler = scheduler
        self.metrics = metrics
    }

    package func send(_ request: UpstreamRequest) async throws(GatewayError) -> UpstreamResponse {
        let grant: UpstreamScheduler.Grant
        do {
            if let prepaid = PrepaidTurn.current?.take() {
                grant = prepaid
            } else {
                grant = try await scheduler.acquire()
            }
        } catch {
            if error.isUpstreamBudgetExhausted { metrics?.budgetRefused() }
            throw error
        }
        metrics?.budgetGranted(waited: grant.waited, queued: grant.wasQueued)
        let response: UpstreamResponse
        do {
            response = try await inner.send(request)
        } catch {
            scheduler.observeNoAnswer()
            throw error
        }
        scheduler.observe(response, sentAt: grant.grantedAt)
        return response
    }
}
