import Foundation
import Logging

import Testing

@testable import HubGate

/// The reloader: applies a valid configuration and counts it; refuses an invalid or unreadable one
/// without applying anything or echoing what failed to parse; loads off the cooperative pool.
struct ConfigurationReloaderTests {
    func reloader(_ loads: ScriptedLoads, applied: AppliedConfigurations, metrics: GatewayMetrics) -> ConfigurationReloader {
        ConfigurationReloader(
            running: .reloadTestBase,
            source: ReloadSource(load: { try loads.next() }),
            apply: { applied.record($0) },
            metrics: metrics,
            logger: Logger(label: "test")
        )
    }

    /// A valid configuration is applied with its restart-only keys at their running values, becomes
    /// the running one, and is counted as applied.
    @Test func appliesAValidConfiguration() async throws {
        var loaded = GatewayConfiguration.reloadTestBase
        loaded.budget.configuration.rollingWindow.limit = 100
        loaded.server.port = 9999
        let applied = AppliedConfigurations()
        let metrics = GatewayMetrics()
        let reloader = reloader(ScriptedLoads([.success(loaded)]), applied: applied, metrics: metrics)

        #expect(await reloader.reload() == .applied(changed: ["budget.burstLimit"], restartRequired: ["server.port"]))
        let configuration = try #require(applied.all.first)
        #expect(configuration.budget.configuration.rollingWindow.limit == 100)
        #expect(configuration.server.port == 8080)
        #expect(await reloader.configuration.budget.configuration.rollingWindow.limit == 100)
        #expect(exposition(metrics).contains(#"hubgate_config_reloads_total{result="applied"} 1"#))
    }

    /// An invalid configuration is refused with its problems; nothing is applied, the running
    /// configuration stays, and the refusal is counted.
    @Test func refusesAnInvalidConfiguration() async throws {
        let problems = ["budget.headroom: must be below budget.burstLimit"]
        let applied = AppliedConfigurations()
        let metrics = GatewayMetrics()
        let reloader = reloader(ScriptedLoads([.failure(ConfigurationError(problems: problems))]), applied: applied, metrics: metrics)

        #expect(await reloader.reload() == .refused(message: ConfigurationError(problems: problems).description, problems: problems))
        #expect(applied.all.isEmpty)
        #expect(await reloader.configuration.hubSpotToken == Secret("pat-running"))
        #expect(exposition(metrics).contains(#"hubgate_config_reloads_total{result="refused"} 1"#))
        #expect(exposition(metrics).contains(#"hubgate_config_reloads_total{result="applied"} 0"#))
    }

    /// Any other load failure is refused by its type only: its description may quote the file.
    @Test func refusesAnUnreadableConfigurationWithoutQuotingIt() async throws {
        struct ParserError: Error, CustomStringConvertible {
            var description: String { "unexpected token near 'pat-na1-leaked'" }
        }
        let reloader = reloader(ScriptedLoads([.failure(ParserError())]), applied: AppliedConfigurations(), metrics: GatewayMetrics())
        guard case .refused(let message, _) = await reloader.reload() else {
            Issue.record("an unreadable configuration was applied")
            return
        }
        #expect(message.contains("ParserError"))
        #expect(!message.contains("pat-na1-leaked"))
    }

    /// The loader, which may block on file reads, runs on a thread of its own.
    @Test func loadsOnADedicatedThread() async throws {
        #expect(!isOnDedicatedThread())
        #expect(try await DedicatedThreadExecutor.run(threadName: "reload-test") { await nonisolatedCheck() })
        #expect(try await DedicatedThreadExecutor.run(threadName: "reload-test") { isOnDedicatedThread() })
    }
}

/// The metrics' text lines.
private func exposition(_ metrics: GatewayMetrics) -> Set<String> {
    Set(String(decoding: metrics.render(), as: UTF8.self).split(separator: "\n").map(String.init))
}

/// Whether synchronous code runs on the reload's own thread.
private func isOnDedicatedThread() -> Bool {
    DedicatedThreadExecutor.isCurrentThreadDedicated
}

/// A nonisolated async function, like swift-configuration's file provider's initialiser.
private nonisolated func nonisolatedCheck() async -> Bool {
    await Task.yield()
    return isOnDedicatedThread()
}
