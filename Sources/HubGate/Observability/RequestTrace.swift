import Synchronization

/// What one client request did, gathered along its way for its access-log line and its metrics:
/// who called, which route, what the cache answered and how many HubSpot calls it cost.
///
/// Reached through the task-local ``current`` so the transports deep in the pipeline can count
/// their calls without every layer passing it on. A cache fill started by this request runs in a
/// child or unstructured task, which inherits the task-local: its calls are this request's spend.
package final class RequestTrace: Sendable {
    /// The trace of the request the current task serves, if any.
    @TaskLocal package static var current: RequestTrace?

    /// What is known so far.
    package struct Fields: Sendable, Equatable {
        /// The configured client name, once authenticated.
        package var client: String?
        /// The route template, once classified.
        package var route: String?
        /// `v3` or `v4`, once classified.
        package var version: String?
        /// The `Cache-Status` value sent to the client, when the cache was asked.
        package var cacheStatus: String?
    }

    private let fields = Mutex(Fields())
    private let upstreamCallCount = Atomic<Int>(0)

    /// Creates an empty trace.
    package init() {}

    /// The request's fields as of now.
    package var snapshot: Fields { fields.withLock { $0 } }

    /// HubSpot calls sent for this request (every attempt counts).
    package var upstreamCalls: Int { upstreamCallCount.load(ordering: .relaxed) }

    /// Records the authenticated client.
    package func setClient(_ name: String) {
        fields.withLock { $0.client = name }
    }

    /// Records the classified route.
    package func setRoute(_ operation: GatewayOperation) {
        fields.withLock {
            $0.route = operation.template
            $0.version = operation.version
        }
    }

    /// Records what the cache answered, as the `Cache-Status` value sent to the client (summarised
    /// only if an access-log line is written).
    package func setCacheStatus(_ status: String) {
        fields.withLock { $0.cacheStatus = status }
    }

    /// Counts one HubSpot call.
    package func countUpstreamCall() {
        upstreamCallCount.add(1, ordering: .relaxed)
    }
}
