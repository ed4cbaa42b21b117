import Foundation

/// Wall-clock time in milliseconds since the Unix epoch. Cache entries outlive the process, so
/// their ages are measured in wall time; injected so tests control it.
package protocol WallClock: Sendable {
    /// Now, in milliseconds since the Unix epoch.
    func nowMilliseconds() -> Int64
}

/// The system's real-time clock.
package struct SystemWallClock: WallClock {
    /// Creates the system clock.
    package init() {}

    package func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
