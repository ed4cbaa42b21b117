import Synchronization

/// The client connections still open or still owed an answer, so that the listener's graceful
/// shutdown can wait for them without a task per connection (`GatewayChildChannel`).
final class OpenConnections: Sendable {
    private struct State {
        var count = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Creates an empty set.
    init() {}

    /// A connection opened.
    func opened() {
        state.withLock { $0.count += 1 }
    }

    /// A connection finished: closed, with every request of it answered.
    func finished() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count -= 1
            guard state.count == 0 else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no connection is open (at once if none is).
    func allFinished() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let isDone = state.withLock { state in
                guard state.count > 0 else { return true }
                state.waiters.append(waiter)
                return false
            }
            if isDone { waiter.resume() }
        }
    }
}
