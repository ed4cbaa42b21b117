import Synchronization

/// What one client request's serving learnt deep in the pipeline, for its access-log line and its
/// metrics: what the cache answered and how many HubSpot calls it cost. (Its client and route are
/// known before it is served, from its checks.)
///
/// Reached through the task-local ``current`` so the transports deep in the pipeline can count
/// their calls without every layer passing it on. A cache fill started by this request runs in a
/// child or unstructured task, which inherits the task-local: its calls are this request's spend.
package final class RequestTrace: Sendable {
    /// The trace of the request the current task serves, if any.
    @TaskLocal package static var current: RequestTrace?

    private let cacheStatusValue = Mutex<String?>(nil)
    private let upstreamCallCount = Atomic<Int>(0)

    /// Creates an empty trace.
    package init() {}

    /// The `Cache-Status` value sent to the client, when the cache was asked.
    package var cacheStatus: String? { cacheStatusValue.withLock { $0 } }

    /// HubSpot calls sent for this request (every attempt counts).
    package var upstreamCalls: Int { upstreamCallCount.load(ordering: .relaxed) }

    /// Records what the cache answered, as the `Cache-Status` value sent to the client (summarised
    /// only if an access-log line is written).
    package func setCacheStatus(_ status: String) {
        cacheStatusValue.withLock { $0 = status }
    }

    /// Counts one HubSpot call.
    package func countUpstreamCall() {
        upstreamCallCount.add(1, ordering: .relaxed)
    }
}
