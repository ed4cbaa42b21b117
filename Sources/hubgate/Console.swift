#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes operator-facing lines to standard output and flushes at once, so they appear even when
/// output goes to a pipe or a file (where stdout is block-buffered).
enum Console {
    /// Prints a line and flushes.
    static func print(_ text: String) {
        Swift.print(text)
        fflush(nil)  // all streams; naming `stdout` is not concurrency-safe in Swift 6
    }
}
