/// What the upstream budget did, for metrics and the overload benchmark.
package struct UpstreamBudgetStatistics: Sendable, Equatable {
    /// Calls granted in all (at once or after waiting).
    package var sent = 0
    /// Calls granted on arrival, without waiting.
    package var sentImmediately = 0
    /// Calls that had to wait in the queue.
    package var queued = 0
    /// Queued calls granted later.
    package var released = 0
    /// Calls turned away because the queue was full.
    package var rejectedQueueFull = 0
    /// Calls turned away because their deadline could not be met or had passed.
    package var rejectedDeadline = 0
    /// Queued calls withdrawn by the shell (client gone).
    package var cancelled = 0
    /// 429s HubSpot answered despite the budget (spend by others, or wrong limits).
    package var upstream429s = 0
    /// How long granted calls waited, zero for those sent at once.
    package var waitTimes: WaitTimeSamples

    /// Creates zeroed counters.
    package init(waitTimeSamples: Int = 4_096) {
        waitTimes = WaitTimeSamples(capacity: waitTimeSamples)
    }

    /// Calls turned away for any reason.
    package var rejected: Int { rejectedQueueFull + rejectedDeadline }
}
