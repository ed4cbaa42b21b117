import ArgumentParser
import HubGate

/// `hubgate hash-key`: turns a client key into the `sha256:…` form the configuration stores.
struct HashKeyCommand: ParsableCommand {
    /// Name, abstract and help text.
    static let configuration = CommandConfiguration(
        commandName: "hash-key",
        abstract: "Print the configuration hash of a client key read from standard input.",
        discussion: "The key is read from standard input (not an argument) so it stays out of shell history and process lists."
    )

    /// Runs the command.
    func run() throws {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("Pass the client key on standard input, e.g. `hubgate hash-key < key.txt`.")
        }
        print(ClientKeyHash.formatted(ofKey: line))
    }
}
