import Foundation
import Synchronization

/// The in-process handle on a running (or not yet running) simulator: thread-safe, `Sendable`.
///
/// The engine lives behind one `Mutex`; a request holds it only while the engine computes the
/// answer (no I/O, no sleeping under the lock), which is cheaper than an actor hop per request.
/// Tests script faults and read counters here without going through HTTP.
package final class SimulatorControl: Sendable {
    private let engine: Mutex<SimulatorEngine>
    private let port = Mutex<Int?>(nil)

    /// The configuration the simulator was made with.
    package let configuration: SimulatorConfiguration

    /// Creates a handle with a fresh engine.
    package init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        engine = Mutex(SimulatorEngine(configuration: configuration))
    }

    /// Answers one request at the current time (the HTTP shell calls this).
    package func respond(to request: SimulatorRequest, now: ContinuousClock.Instant = .now, date: Date = Date()) -> SimulatorResponse {
        engine.withLock { $0.handle(request, now: now, date: date) }
    }

    /// Current counters.
    package func stats() -> SimulatorStats {
        let now = ContinuousClock.now
        let date = Date()
        return engine.withLock { $0.stats(now: now, date: date) }
    }

    /// Adds a fault rule (after the existing ones).
    package func addFault(_ rule: FaultRule) {
        engine.withLock { $0.addFault(rule) }
    }

    /// Removes every fault rule.
    package func clearFaults() {
        engine.withLock { $0.clearFaults() }
    }

    /// The active fault rules with their remaining counts.
    package var faultRules: [FaultRule] {
        engine.withLock { $0.faultRules }
    }

    /// The last recorded requests, oldest first.
    package func recordedRequests(operation: SimulatorOperation? = nil, limit: Int = .max) -> [RecordedRequest] {
        engine.withLock { $0.recordedRequests(operation: operation, limit: limit) }
    }

    /// Clears associations, user labels, configurations, counters, rate windows, faults and the log.
    package func reset() {
        engine.withLock { $0.reset() }
    }

    /// The port the server is bound to, once it is running.
    package var boundPort: Int? {
        port.withLock { $0 }
    }

    /// Called by the server once it listens.
    func serverDidStart(port bound: Int?) {
        port.withLock { $0 = bound }
    }
}
