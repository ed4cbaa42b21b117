import CConcurrencyHook
import NIOCore
import NIOPosix
import Synchronization

/// Makes NIO's singleton event loops run every Swift task that has no executor of its own.
///
/// NIO offers this (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`),
/// but finds the runtime's hook with `dlsym`, which cannot see it in a binary linked with
/// `--static-swift-stdlib`: the build `deploy/` ships, the demo and the benchmarks run. There it
/// returned false, and tasks kept running on Dispatch's threads. This installs the same hook, linked
/// to directly, so both kinds of build behave alike.
enum EventLoopTaskExecutor {
    private static let installed = Atomic<Bool>(false)

    /// Whether Swift tasks run on the event loops (for the start-up summary).
    static var isInstalled: Bool { installed.load(ordering: .relaxed) }

    private typealias EnqueueGlobalHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    /// Installs the hook; false if another hook is already in place. Call once, before the first
    /// task is enqueued.
    static func install() -> Bool {
        let hook: EnqueueGlobalHook = { job, _ in
            // Sticky: a task enqueued from an event loop stays on it, so a request's tasks run on the
            // loop that read it without a thread switch.
            MultiThreadedEventLoopGroup.singleton.any().enqueue(ExecutorJob(job))
        }
        let isInstalled = hubgate_install_enqueue_global_hook(unsafeBitCast(hook, to: UnsafeMutableRawPointer.self))
        installed.store(isInstalled, ordering: .relaxed)
        return isInstalled
    }
}
