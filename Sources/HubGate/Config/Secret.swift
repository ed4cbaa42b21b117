/// A value that must never appear in logs, errors or descriptions (the HubSpot token).
///
/// Every textual representation is redacted; only `reveal()` gives the value, so each use is explicit
/// and easy to audit.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    /// Wraps a secret value.
    package init(_ value: String) {
        self.value = value
    }

    /// The secret itself, for the one place that must send it (the upstream Authorization header).
    package func reveal() -> String { value }

    /// True when the secret is the empty string.
    package var isEmpty: Bool { value.isEmpty }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
}
