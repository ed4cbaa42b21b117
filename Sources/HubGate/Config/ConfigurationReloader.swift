import Logging

/// Reloads the configuration of a running gateway: loads it again from its source, refuses it whole
/// if it is invalid, and otherwise puts every reloadable setting in force in the running components
/// without dropping connections or forgetting what budgets and limits have counted.
///
/// An actor that also queues callers: a SIGHUP and an admin call arriving together reload one after
/// the other, each against the configuration the previous one left.
package actor ConfigurationReloader {
    private var running: GatewayConfiguration
    private let source: ReloadSource
    private let apply: @Sendable (GatewayConfiguration) -> Void
    private let metrics: GatewayMetrics
    private let logger: Logger
    private var isReloading = false
    private var queued: [CheckedContinuation<Void, Never>] = []

    /// Creates a reloader for a gateway running `configuration`.
    ///
    /// - Parameters:
    ///   - apply: puts a validated configuration in force in the running components; it must not fail.
    ///   - metrics: where `hubgate_config_reloads_total{result}` counts each outcome.
    package init(
        running configuration: GatewayConfiguration,
        source: ReloadSource,
        apply: @escaping @Sendable (GatewayConfiguration) -> Void,
        metrics: GatewayMetrics,
        logger: Logger
    ) {
        self.running = configuration
        self.source = source
        self.apply = apply
        self.metrics = metrics
        self.logger = logger
    }

    /// The configuration in force (with settings that need a restart as they run).
    package var configuration: GatewayConfiguration { running }

    /// Loads the configuration again and applies it, or refuses it and changes nothing; logs and
    /// counts the outcome.
    package func reload() async -> ReloadOutcome {
        await waitForTurn()
        defer { endTurn() }
        let loaded: GatewayConfiguration
        do {
            let load = source.load
            loaded = try await DedicatedThreadExecutor.run(threadName: "hubgate-reload") { try await load() }
        } catch let error as ConfigurationError {
            return refuse(problems: error.problems, message: error.description)
        } catch {
            // Not the error's description: a parser's message may quote the file.
            let problem = "the configuration could not be loaded (\(type(of: error)))"
            return refuse(problems: [problem], message: problem)
        }
        let plan = ReloadPlan(running: running, loaded: loaded)
        apply(plan.configuration)
        if plan.configuration.logLevel != running.logLevel {
            source.applyLogLevel(plan.configuration.logLevel)
        }
        running = plan.configuration
        metrics.configReloaded(applied: true)
        logger.notice(
            "Configuration reloaded",
            metadata: ["config.changed": "\(plan.changed.joined(separator: ","))"]
        )
        if !plan.restartRequired.isEmpty {
            logger.warning(
                "Configuration changes need a restart; their running values stay until then",
                metadata: ["config.restart_required": "\(plan.restartRequired.joined(separator: ","))"]
            )
        }
        return .applied(changed: plan.changed, restartRequired: plan.restartRequired)
    }

    private func refuse(problems: [String], message: String) -> ReloadOutcome {
        metrics.configReloaded(applied: false)
        logger.error(
            "Configuration reload refused; the running configuration stays",
            metadata: ["config.problems": "\(problems.joined(separator: "; "))"]
        )
        return .refused(message: message, problems: problems)
    }

    /// Suspends until no other reload runs.
    private func waitForTurn() async {
        guard isReloading else {
            isReloading = true
            return
        }
        await withCheckedContinuation { queued.append($0) }
    }

    /// Hands the turn to the next caller, or frees it.
    private func endTurn() {
        if queued.isEmpty {
            isReloading = false
        } else {
            queued.removeFirst().resume()
        }
    }
}
