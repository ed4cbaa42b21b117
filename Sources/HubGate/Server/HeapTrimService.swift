import Foundation
import Logging
import ServiceLifecycle

/// Gives the memory glibc's allocator holds but no longer uses back to the system, every `interval`
/// (`malloc_trim`).
///
/// glibc returns freed memory only from the top of each heap, so what a burst of calls freed in the
/// middle stays with the process: in the soak (`bench/soak.sh`), 26 MB held for 16 MB in use, and a
/// peak that crept up over the run. A trim releases every whole free page; it took 1–4 ms every 10 s
/// in the soak and held the allocator's locks meanwhile, which is why it is periodic and can be
/// turned off (`server.heapTrimSeconds`: 0).
struct HeapTrimService: Service {
    private typealias Trim = @convention(c) (Int) -> Int32

    /// Time between trims.
    let interval: Duration
    private let trim: @Sendable () -> Void

    /// A trimmer calling `trim` every `interval`; `trim` is glibc's `malloc_trim(0)` by default.
    /// Nil when no `trim` is given and the C library has no `malloc_trim` (musl, Darwin).
    init?(interval: Duration, trim: (@Sendable () -> Void)? = nil) {
        if let trim {
            self.trim = trim
        } else {
            // Looked up rather than imported: no Swift module exports glibc's <malloc.h>.
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            let mallocTrim = unsafeBitCast(symbol, to: Trim.self)
            self.trim = { _ = mallocTrim(0) }
        }
        self.interval = interval
    }

    /// Trims every `interval` until graceful shutdown.
    func run() async throws {
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            trim()
        }
    }
}
