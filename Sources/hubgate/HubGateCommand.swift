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
            HubGate accepts v4 (and, later, v3) associations calls from many client services, injects the one \
            HubSpot token and forwards them through libcurl.
            """,
        version: HubGateVersion.current,
        subcommands: [
            ServeCommand.self, DemoCommand.self, SimulatorCommand.self, CheckConfigCommand.self, HashKeyCommand.self,
            VersionCommand.self,
        ]
    )
}

