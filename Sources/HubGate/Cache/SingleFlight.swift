import Synchronization

/// Runs at most one fetch per key at a time; concurrent callers for the same key share its result,
/// value or error.
///
/// The fetch runs in its own task, so a caller that gives up (cancellation) does not cancel the
/// fetch the others are waiting for.
package final class SingleFlight<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// What one caller receives: the shared result, and whether it waited on another caller's fetch.
    package typealias Outcome = (result: Result<Value, any Error>, coalesced: Bool)
    private typealias Waiter = CheckedContinuation<Outcome, Never>
    private let state = Mutex(SingleFlightState<Key, Waiter>())

    /// Creates an empty single-flight group.
    package init() {}

    /// The result for `key`: fetched by `fetch` if no fetch for it is under way, otherwise the
    /// result of the one that is.
    package func value(for key: Key, fetch: @escaping @Sendable () async throws -> Value) async -> Outcome {
        await withCheckedContinuation { (continuation: Waiter) in
            let action = state.withLock { $0.join(key, waiter: continuation) }
            guard action == .lead else { return }
            Task {
                let result: Result<Value, any Error>
                do {
                    result = .success(try await fetch())
                } catch {
                    result = .failure(error)
                }
                let waiters = self.state.withLock { $0.finish(key) }
                for (index, waiter) in waiters.enumerated() {
                    waiter.resume(returning: (result, index > 0))
                }
            }
        }
    }

    /// Number of keys being fetched now.
    package var inFlightCount: Int { state.withLock { $0.inFlightCount } }
}
