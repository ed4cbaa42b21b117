/// The bookkeeping of single-flight fetching: for each key, whether a fetch is under way and who
/// waits for it. A value type with no I/O; `SingleFlight` carries out what it decides.
package struct SingleFlightState<Key: Hashable, Waiter> {
    private var waiters: [Key: [Waiter]] = [:]

    /// Creates an empty state.
    package init() {}

    /// What a caller that wants `key` must do.
    package enum JoinAction: Equatable {
        /// No fetch is under way: the caller fetches.
        case lead
        /// A fetch is under way: the caller waits for its result.
        case wait
    }

    /// Registers a caller for `key`; the first one leads, later ones wait.
    package mutating func join(_ key: Key, waiter: Waiter) -> JoinAction {
        if waiters[key] != nil {
            waiters[key]!.append(waiter)
            return .wait
        }
        waiters[key] = [waiter]
        return .lead
    }

    /// Ends the fetch for `key` and hands back everyone who must receive its result (the leader first).
    package mutating func finish(_ key: Key) -> [Waiter] {
        waiters.removeValue(forKey: key) ?? []
    }

    /// Number of keys with a fetch under way.
    package var inFlightCount: Int { waiters.count }
}
