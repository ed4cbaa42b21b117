import Synchronization

/// The handles of one labelled metric, made on first use and kept: the Prometheus registry validates
/// names and labels on every lookup, which is work a request should not repeat.
final class MetricSeries<Key: Hashable & Sendable, Handle: AnyObject & Sendable>: Sendable {
    private let handles = Mutex<[Key: Handle]>([:])
    private let make: @Sendable (Key) -> Handle

    /// Creates the series; `make` builds the handle for a key not seen before.
    init(make: @escaping @Sendable (Key) -> Handle) {
        self.make = make
    }

    /// The handle for `key`.
    subscript(_ key: Key) -> Handle {
        handles.withLock { handles in
            if let handle = handles[key] { return handle }
            let handle = make(key)
            handles[key] = handle
            return handle
        }
    }
}
