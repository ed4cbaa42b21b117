import Configuration
import SystemPackage

/// Where `serve` and `check-config` read configuration from, highest precedence first: command-line
/// flags, `HUBGATE_*` environment variables, then the configuration file (YAML or JSON by extension).
struct ConfigurationSources {
    /// Values given as flags, keyed like the configuration file.
    var flags: [AbsoluteConfigKey: ConfigValue] = [:]
    /// The configuration file, if any.
    var filePath: String?

    /// The layered reader for ordinary settings.
    func makeReader() async throws -> ConfigReader {
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: flags),
            Self.environment(),
        ]
        if let filePath {
            if filePath.hasSuffix(".json") {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(filePath)))
            } else {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(filePath)))
            }
        }
        return ConfigReader(providers: providers)
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
