import ArgumentParser

/// `hubgate version`: prints the version.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the HubGate version.")

    func run() {
        print("hubgate \(HubGateVersion.current)")
    }
}
