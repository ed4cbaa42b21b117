import Synchronization

/// A turn of the shared budget granted before the request's task started
/// (`UpstreamScheduler.reserve`): the first upstream call the task makes spends it instead of waiting
/// in the queue again. Later calls (retries, a v3 read after its catalog) wait as usual.
package final class PrepaidTurn: Sendable {
    /// The turn of the request this task serves; nil when it has none.
    @TaskLocal package static var current: PrepaidTurn?

    private let grant: Mutex<UpstreamScheduler.Grant?>

    /// Holds `grant` until it is taken.
    package init(_ grant: UpstreamScheduler.Grant) {
        self.grant = Mutex(grant)
    }

    /// The grant, once: nil after it has been taken.
    package func take() -> UpstreamScheduler.Grant? {
        grant.withLock { grant in
            defer { grant = nil }
            return grant
        }
    }
}
