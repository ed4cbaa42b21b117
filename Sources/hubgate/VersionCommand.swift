import ArgumentParser

/// `hubgate version`: prints the version.
struct VersionCommand: ParsableCommand {
    /// Name, abstract and help text.
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the HubGate version.")

    /// Runs the command.
    func run() {
        print("hubgate \(HubGateVersion.current)")
    }
}
