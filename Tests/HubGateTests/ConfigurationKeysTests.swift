import Foundation
import Testing
import Yams

@testable import HubGate

/// Keys a configuration file sets that nothing reads are pointed out, and the list of keys read
/// agrees with the README and the shipped files.
struct ConfigurationKeysTests {
    /// Misspelt keys, a client's unknown field and a client missing from `clientNames` are named;
    /// every key HubGate reads is not.
    @Test func namesWhatNothingReads() throws {
        let yaml = """
            server: {prot: 1, port: 8080}
            budgett: {burstLimit: 10}
            cache: {ttlSecond: 5}
            clientNames: [a]
            clients:
              a: {keySha256: "sha256:00", scope: [write], quota: 5}
              b: {keySha256: "sha256:11"}
            """
        let keys = ConfigurationKeys.dotted(try Yams.load(yaml: yaml))
        #expect(ConfigurationKeys.unread(keys, clientNames: ["a"]) == [
            "budgett.burstLimit: not a HubGate setting; ignored",
            "cache.ttlSecond: not a HubGate setting; ignored",
            "clients.a.scope: not a client setting (burst, keySha256, quota, scopes, windowSeconds); ignored",
            "clients.b.keySha256: 'b' is not in clientNames; ignored",
            "server.prot: not a HubGate setting; ignored",
        ])
    }

    /// The shipped configurations (the example, systemd's, the Kubernetes ConfigMap's) set nothing
    /// HubGate ignores.
    @Test(arguments: ["hubgate.example.yaml", "systemd/hubgate.yaml", "kubernetes"])
    func shippedFilesSetOnlyWhatIsRead(path: String) throws {
        let yaml = path == "kubernetes" ? try DeployArtifacts.kubernetesConfigurationYAML() : try DeployArtifacts.text(path)
        let document = try Yams.load(yaml: yaml)
        let names = ((document as? [String: Any])?["clientNames"] as? [String]) ?? []
        #expect(ConfigurationKeys.unread(ConfigurationKeys.dotted(document), clientNames: names) == [])
    }

    /// Every key in the README's configuration table is one HubGate reads, and every key it reads
    /// is in the table.
    @Test func readmeTableMatches() throws {
        let readme = try DeployArtifacts.text("../README.md")
        let section = readme.components(separatedBy: "## Configuration").dropFirst().first ?? ""
        let table = section.components(separatedBy: "\n\n").first { $0.contains("| `server.host`") } ?? ""
        var documented: Set<String> = []
        for line in table.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.split(separator: "|").first.map(String.init) ?? ""
            // A cell names one or more keys in backquotes: `a.b` / `a.c`, or `a.b` / `.c` for `a.c`.
            var full = ""
            for match in cell.matches(of: /`([a-zA-Z0-9.<>]+)`/) {
                var key = String(match.output.1)
                if key.hasPrefix("."), let dot = full.lastIndex(of: ".") { key = full[..<dot] + key }
                full = key
                documented.insert(key)
            }
        }
        let perClient = Set(ConfigurationKeys.perClient.map { "clients.<name>.\($0)" })
        #expect(documented.subtracting(ConfigurationKeys.known).subtracting(perClient).isEmpty, "\(documented.subtracting(ConfigurationKeys.known).subtracting(perClient))")
        #expect(ConfigurationKeys.known.subtracting(documented).isEmpty, "\(ConfigurationKeys.known.subtracting(documented))")
    }
}
