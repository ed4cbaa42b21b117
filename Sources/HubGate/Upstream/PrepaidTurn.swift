import Synchronization

/// A turn of the shared budget obtained before the request's task started
/// (`UpstreamScheduler.reserve`): the first upstream call the task makes spends it instead of waiting
/// in the queue again. Later calls (retries) wait as usual.
package final class PrepaidTurn: Sendable {
    /// The turn of the request this task serves; nil when it has none.
    @TaskLocal package static var current: PrepaidTurn?

    private let turn: Mutex<Result<UpstreamScheduler.Grant, GatewayError>?>

    /// Holds `turn`: the grant, or the refusal that stands in for one.
    package init(_ turn: Result<UpstreamScheduler.Grant, GatewayError>) {
        self.turn = Mutex(turn)
    }

    /// The turn, once: nil after it has been taken.
    package func take() -> Result<UpstreamScheduler.Grant, GatewayError>? {
        turn.withLock { turn in
            defer { turn = nil }
            return turn
        }
    }
}
