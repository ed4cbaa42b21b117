import Logging
import ServiceLifecycle
import Testing

@testable import HubGate

/// The SIGHUP service, driven by injected signals: one reload per signal, and neither a refused
/// reload nor a signal stops the service group.
struct ReloadSignalServiceTests {
    /// A refused reload does not stop the service: the next signal still reloads, and the group runs
    /// until its own graceful shutdown.
    @Test func reloadsOnEverySignalUntilShutdown() async throws {
        var loaded = GatewayConfiguration.reloadTestBase
        loaded.logLevel = "debug"
        let loads = ScriptedLoads([.failure(ConfigurationError(problems: ["log.level: must be one of …"])), .success(loaded)])
        let applied = AppliedConfigurations()
        let (reloaded, reloadedContinuation) = AsyncStream<Void>.makeStream()
        let reloader = ConfigurationReloader(
            running: .reloadTestBase,
            source: ReloadSource(load: { try loads.next() }, applyLogLevel: { _ in reloadedContinuation.yield() }),
            apply: { applied.record($0) },
            metrics: GatewayMetrics(),
            logger: Logger(label: "test")
        )
        let (signals, signal) = AsyncStream<Void>.makeStream()
        let service = ReloadSignalService(signals: signals, reloader: reloader, logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "test")))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            signal.yield()  // refused
            signal.yield()  // applied: its new log level is the sign it happened
            var iterator = reloaded.makeAsyncIterator()
            await iterator.next()
            #expect(applied.all.map(\.logLevel) == ["debug"])
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
