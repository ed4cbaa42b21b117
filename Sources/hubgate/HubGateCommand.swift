import ArgumentParser

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
}

