import ArgumentParser
import Foundation

/// The `hubgate` command line: a thin shell that reads configuration, makes a logger and hands over
/// to the HubGate and HubSpotSimulator libraries.
@main
struct HubGateCommand: AsyncParsableCommand {
    /// Name, abstract and help text.
    static let configuration = CommandConfiguration(
        commandName: "hubgate",
        abstract: "An HTTP gateway for the HubSpot CRM Associations API.",
        discussion: """
            HubGate accepts v4 and legacy v3 associations calls from many client services, translates v3 to v4, \
            injects the one HubSpot token, caches labels and definitions, keeps every call within HubSpot's limits, \
            and forwards through libcurl.

            Try it:            hubgate demo
            Run it:            HUBGATE_HUBSPOT_TOKEN=… hubgate serve --config hubgate.yaml
            Check a config:    hubgate check-config --config hubgate.yaml
            Add a client key:  printf '%s' "$KEY" | hubgate hash-key

            The admin listener (127.0.0.1:8081 by default) serves /healthz, /readyz, /metrics, /cache/stats, \
            /budget/stats, POST /cache/purge and POST /config/reload (SIGHUP reloads too).
            """,
        version: HubGateVersion.current,
        subcommands: [
            ServeCommand.self, DemoCommand.self, SimulatorCommand.self, CheckConfigCommand.self, HashKeyCommand.self,
            VersionCommand.self,
        ]
    )

    /// Runs the command line, first making the NIO event loops Swift's global executor (see below).
    static func main() async {
        // Every request crosses from a NIO event loop (the socket) into Swift tasks (routing, cache,
        // budget, the libcurl bridge) and back. On Swift's own global executor each crossing is a
        // thread switch and a wake-up; running tasks on the event loops cut HubGate's added latency
        // at one connection by about a tenth (README, "Benchmarks"). That is safe only because
        // nothing in HubGate blocks a task: libcurl has its own thread, SQLite runs on GRDB's queues
        // and configuration files are read on a dedicated thread. It has to happen before the first
        // task is enqueued, so it is an environment switch rather than configuration.
        if ProcessInfo.processInfo.environment["HUBGATE_TASKS_ON_EVENT_LOOPS"] != "false", !EventLoopTaskExecutor.install() {
            FileHandle.standardError.write(Data("hubgate: another global executor hook is installed; Swift tasks stay on Dispatch\n".utf8))
        }
        // Spelled out so that overload resolution picks ArgumentParser's async entry point, not the
        // synchronous one that would print help for every async subcommand.
        let run: ([String]?) async -> Void = Self.main
        await run(nil)
    }
}
