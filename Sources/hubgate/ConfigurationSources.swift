import Configuration
import Foundation
import HubGate
import SystemPackage
import Yams

/// Where `serve` and `check-config` read configuration from, highest precedence first: command-line
/// flags, `HUBGATE_*` environment variables, then the configuration file (YAML or JSON by extension).
struct ConfigurationSources: Sendable {
    /// Values given as flags, keyed like the configuration file.
    var flags: [AbsoluteConfigKey: ConfigValue] = [:]
    /// The configuration file, if any.
    var filePath: String?

    /// Reads and validates the configuration: at start-up, for `check-config`, and again on every
    /// reload, so a reload sees exactly what a restart with the same command line would.
    ///
    /// - Throws: `ConfigurationError`, also for a configuration file that is missing, unreadable or
    ///   not YAML/JSON (named by path only: a parser's message could quote a secret in the file).
    func loadConfiguration() async throws(ConfigurationError) -> GatewayConfiguration {
        // The file is read and parsed once, for the layered reader and for the check of what the
        // file itself holds.
        let file: (any ConfigProvider)?
        do {
            file = try await fileProvider()
        } catch {
            let path = filePath ?? ""
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ConfigurationError(problems: ["--config: \(path) does not exist or cannot be read"])
            }
            throw ConfigurationError(problems: ["--config: \(path) is not valid \(path.hasSuffix(".json") ? "JSON" : "YAML") (a mapping of keys)"])
        }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: flags),
            Self.environment(),
        ]
        if let file { providers.append(file) }
        return try GatewayConfiguration(
            reader: ConfigReader(providers: providers),
            secretsReader: makeSecretsReader(),
            fileReader: file.map { ConfigReader(provider: $0) }
        )
    }

    /// What the configuration file sets that nothing reads (a misspelt key), one line each; empty
    /// without a file, or for one that does not parse (`loadConfiguration` reports that).
    func unreadFileKeys(clientNames: [String]) -> [String] {
        guard let filePath, let text = try? String(contentsOfFile: filePath, encoding: .utf8),
            let document = try? Yams.load(yaml: text)  // JSON is YAML too
        else { return [] }
        return ConfigurationKeys.unread(ConfigurationKeys.dotted(document), clientNames: clientNames)
    }

    private func fileProvider() async throws -> (any ConfigProvider)? {
        guard let filePath else { return nil }
        if filePath.hasSuffix(".json") {
            return try await FileProvider<JSONSnapshot>(filePath: FilePath(filePath))
        }
        return try await FileProvider<YAMLSnapshot>(filePath: FilePath(filePath))
    }

    /// The reader for secrets: the environment only, so the HubSpot token is never read from a file
    /// in plain text or from the command line.
    func makeSecretsReader() -> ConfigReader {
        ConfigReader(provider: Self.environment())
    }

    private static func environment() -> some ConfigProvider {
        EnvironmentVariablesProvider(secretsSpecifier: .specific(["HUBGATE_HUBSPOT_TOKEN"])).prefixKeys(with: "hubgate")
    }

    /// Adds a flag's value when it was given.
    mutating func set(_ key: AbsoluteConfigKey, _ value: String?) {
        if let value { flags[key] = ConfigValue(.string(value), isSecret: false) }
    }

    /// Adds a flag's value when it was given.
    mutating func set(_ key: AbsoluteConfigKey, _ value: Int?) {
        if let value { flags[key] = ConfigValue(.int(value), isSecret: false) }
    }
}
