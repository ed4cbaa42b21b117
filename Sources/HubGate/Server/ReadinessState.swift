import ServiceLifecycle
import Synchronization

/// Whether this instance should receive traffic: true once the gateway listener is up, false again
/// as soon as graceful shutdown starts, so load balancers drain it while in-flight calls complete.
package final class ReadinessState: Sendable {
    private let ready = Atomic<Bool>(false)

    /// Creates a not-yet-ready state.
    package init() {}

    /// True while the instance accepts traffic.
    package var isReady: Bool { ready.load(ordering: .acquiring) }

    /// Marks the instance ready or not.
    package func set(_ value: Bool) {
        ready.store(value, ordering: .releasing)
    }
}

/// Flips readiness off first thing on graceful shutdown. It must be the last service in the group,
/// because a `ServiceGroup` shuts services down in reverse order.
package struct ReadinessService: Service {
    /// The state it flips.
    let state: ReadinessState

    /// Creates the service for a readiness state.
    package init(state: ReadinessState) {
        self.state = state
    }

    /// Waits for graceful shutdown, then reports not ready.
    package func run() async throws {
        try? await gracefulShutdown()
        state.set(false)
    }
}
