import ArgumentParser
import HubGate

/// `hubgate check-config`: validates a configuration without starting anything.
struct CheckConfigCommand: AsyncParsableCommand {
    /// Name, abstract and help text.
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration (file, HUBGATE_* environment) and say what is wrong."
    )

    @Option(name: .long, help: "Configuration file (YAML, or JSON with a .json extension).")
    var config: String?

    /// Runs the command.
    func run() async throws {
        let sources = ConfigurationSources(filePath: config)
        do {
            let configuration = try await sources.loadConfiguration()
            Console.print("configuration is valid")
            for line in sources.unreadFileKeys(clientNames: configuration.clients.map(\.name)) {
                Console.print("  warning: " + line)
            }
            Console.print(StartupSummary(configuration: configuration).lines.joined(separator: "\n"))
        } catch {
            Console.print(error.description)
            throw ExitCode(78)  // EX_CONFIG
        }
    }
}
