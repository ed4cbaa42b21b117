import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A task executor with a thread of its own, for async code that blocks: a configuration reload
/// reads files synchronously (swift-configuration's file provider, the token file), and blocking
/// reads must not hold one of the cooperative pool's few threads while requests wait for it.
///
/// Under ``run(threadName:_:)``, every nonisolated async function the operation calls runs on this
/// thread (SE-0417 task executor preference). The thread lives for one operation only: reloads are
/// rare, and a thread that exits with its operation needs no lifecycle.
final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs` and `isStopping` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var isStopping = false

    private init() {}

    /// Runs `operation` with its nonisolated async work on a new thread named `threadName`, and ends
    /// the thread after it. The operation must leave no unstructured task behind that prefers this
    /// executor: it would never run.
    static func run<T: Sendable>(threadName: String, _ operation: @Sendable () async throws -> T) async throws -> T {
        let executor = DedicatedThreadExecutor()
        let thread = Thread {
            _ = pthread_setspecific(dedicatedThreadKey, UnsafeRawPointer(bitPattern: 1))
            executor.runJobs()
        }
        thread.name = threadName
        thread.start()
        defer { executor.stop() }
        return try await withTaskExecutorPreference(executor) {
            try await operation()
        }
    }

    /// Whether the caller runs on a thread of this type (for tests: synchronous code only).
    static var isCurrentThreadDedicated: Bool {
        pthread_getspecific(dedicatedThreadKey) != nil
    }

    /// Called by the runtime with each job of a task that prefers this executor.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// The thread's body: runs jobs in order until stopped and drained.
    private func runJobs() {
        while let job = nextJob() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func nextJob() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !isStopping { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    private func stop() {
        condition.lock()
        isStopping = true
        condition.signal()
        condition.unlock()
    }
}


/// Marks the threads ``DedicatedThreadExecutor`` runs, so tests can tell them from the pool's.
private let dedicatedThreadKey: pthread_key_t = {
    var key = pthread_key_t()
    precondition(pthread_key_create(&key, nil) == 0)
    return key
}()
