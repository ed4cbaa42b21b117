import Synchronization

/// A value that requests read on every call and a configuration reload replaces while they run.
///
/// Each read returns one whole value, old or new, never a mix, so a request sees one consistent
/// configuration from start to end. A lock rather than an actor: reads are on the request path and
/// must not suspend, and holding the lock only to copy a small struct costs tens of nanoseconds.
package final class ReloadableValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    /// Holds `value` until it is replaced.
    package init(_ value: Value) {
        storage = Mutex(value)
    }

    /// The value in force now.
    package var value: Value { storage.withLock { $0 } }

    /// Puts `value` in force for every later read.
    package func replace(with value: Value) {
        storage.withLock { $0 = value }
    }
}
