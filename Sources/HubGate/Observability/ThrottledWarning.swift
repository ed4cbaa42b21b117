import Logging
import Synchronization

/// A warning an operator must see, but that one failing dependency could repeat on every call:
/// logged at most once per interval, saying how many like it were held back since the last one.
package final class ThrottledWarning: Sendable {
    private let interval: Duration
    private let clock = ContinuousClock()
    private let state = Mutex<(last: ContinuousClock.Instant?, heldBack: Int)>((nil, 0))

    /// Creates a throttle logging at most once per `interval`.
    package init(interval: Duration = .seconds(10)) {
        self.interval = interval
    }

    /// Logs `message` at `warning` unless one was logged less than an interval ago.
    package func warn(_ logger: Logger, _ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> Logger.Metadata = [:]) {
        let now = clock.now
        let heldBack: Int? = state.withLock { state in
            if let last = state.last, last.duration(to: now) < interval {
                state.heldBack += 1
                return nil
            }
            defer { state = (now, 0) }
            return state.heldBack
        }
        guard let heldBack else { return }
        var metadata = metadata()
        if heldBack > 0 { metadata["log.heldBack"] = "\(heldBack)" }
        logger.warning(message(), metadata: metadata)
    }
}
