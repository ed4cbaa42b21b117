import Configuration
import Foundation
import Testing
import Yams

@testable import HubGate

/// The repository's `deploy/` folder, read the way each recipe's consumer reads it: YAML documents
/// (Kubernetes, Prometheus), JSON (Grafana), INI-style lines (systemd, the Containerfile), and HubGate
/// configuration files through the same provider stack as `hubgate serve`.
enum DeployArtifacts {
    /// `deploy/`, found from this file's path so the tests run from any working directory.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // HubGateTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appendingPathComponent("deploy")

    /// A file's text, by its path under `deploy/`.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    /// Paths under `deploy/` (sorted, relative) whose names end with one of `extensions`.
    static func files(withExtensions extensions: Set<String>) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        let prefix = directory.standardizedFileURL.path + "/"
        return enumerator.compactMap { $0 as? URL }
            .filter { extensions.contains($0.pathExtension) }
            .map { String($0.standardizedFileURL.path.dropFirst(prefix.count)) }
            .sorted()
    }

    /// Every YAML document of a file (Kubernetes files may hold several, separated by `---`).
    static func documents(_ path: String) throws -> [Node] {
        try Array(Yams.compose_all(yaml: try text(path)))
    }

    /// The one Kubernetes object of `kind` named `name` among the manifests in `deploy/kubernetes`.
    static func kubernetesObject(kind: String, name: String) throws -> Node {
        let objects = try files(withExtensions: ["yaml"]).filter { $0.hasPrefix("kubernetes/") }.flatMap(documents)
        let matches = objects.filter { $0["kind"]?.string == kind && $0["metadata"]?["name"]?.string == name }
        return try #require(matches.count == 1 ? matches.first : nil, "expected exactly one \(kind) \(name)")
    }

    /// The values of each key of a systemd unit (a key may repeat: `ExecReload=`, `Environment=`).
    static func systemdUnit(_ path: String) throws -> [String: [String]] {
        var keys: [String: [String]] = [:]
        for line in try text(path).split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("[") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            keys[String(line[..<equals]), default: []].append(String(line[line.index(after: equals)...]))
        }
        return keys
    }

    /// A HubGate configuration file read as `hubgate serve --config` reads it: the environment first,
    /// then the YAML file, with the token from the environment-only secrets reader (here a fake one).
    ///
    /// - Parameters:
    ///   - yaml: the configuration file's contents.
    ///   - environment: extra environment variables, as a unit or pod would set them.
    static func configuration(yaml: String, environment: [String: String] = [:]) async throws -> GatewayConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hubgate-deploy-\(UInt64.random(in: 0...UInt64.max)).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        // The same providers as Sources/hubgate/ConfigurationSources.swift, with a given environment.
        func environmentProvider(_ variables: [String: String]) -> some ConfigProvider {
            EnvironmentVariablesProvider(environmentVariables: variables, secretsSpecifier: .specific(["HUBGATE_HUBSPOT_TOKEN"]))
                .prefixKeys(with: "hubgate")
        }
        // FileProvider's reader-based initialiser names the file by a configuration value, which
        // spares this target a dependency on swift-system for `FilePath`.
        let filePath = ConfigReader(provider: InMemoryProvider(values: ["filePath": .init(.string(file.path), isSecret: false)]))
        let reader = ConfigReader(providers: [
            environmentProvider(environment),
            try await FileProvider<YAMLSnapshot>(config: filePath),
        ])
        var secrets = environment
        secrets["HUBGATE_HUBSPOT_TOKEN"] = "pat-na1-00000000-0000-0000-0000-000000000000"
        return try GatewayConfiguration(reader: reader, secretsReader: ConfigReader(provider: environmentProvider(secrets)))
    }

    /// The HubGate configuration the Kubernetes ConfigMap carries, as text.
    static func kubernetesConfigurationYAML() throws -> String {
        let configMap = try kubernetesObject(kind: "ConfigMap", name: "hubgate-config")
        return try #require(configMap["data"]?["hubgate.yaml"]?.string)
    }

    /// The hubgate container of the Deployment.
    static func kubernetesContainer() throws -> Node {
        let deployment = try kubernetesObject(kind: "Deployment", name: "hubgate")
        let containers = deployment["spec"]?["template"]?["spec"]?["containers"]?.array() ?? []
        return try #require(containers.first { $0["name"]?.string == "hubgate" })
    }

    /// The Deployment's pod spec.
    static func kubernetesPodSpec() throws -> Node {
        try #require(try kubernetesObject(kind: "Deployment", name: "hubgate")["spec"]?["template"]?["spec"])
    }

    /// Metric names a text mentions (`hubgate_…`), with the histogram series suffixes removed.
    static func metricNames(in text: String) -> Set<String> {
        let regex = try! Regex("hubgate_[a-z_]*[a-z]")
        return Set(text.matches(of: regex).map { match in
            var name = String(text[match.range])
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) && !MetricName.all.contains(name) {
                name.removeLast(suffix.count)
            }
            return name
        })
    }
}
