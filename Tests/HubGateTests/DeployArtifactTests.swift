import Foundation
import Testing
import Yams

@testable import HubGate

/// The recipes in `deploy/` parse, agree with each other, and agree with the code: HubGate accepts
/// their configurations, probes and mounts point where the configuration says, and dashboards and
/// alerts query only metrics HubGate exports.
struct DeployArtifactTests {
    /// Every YAML and JSON file parses, and the kit holds each recipe the operations issue asks for.
    @Test func everyFileParses() throws {
        let yaml = DeployArtifacts.files(withExtensions: ["yaml", "yml"])
        for path in yaml {
            #expect(try !DeployArtifacts.documents(path).isEmpty, "\(path) has no YAML document")
        }
        let json = DeployArtifacts.files(withExtensions: ["json"])
        for path in json {
            _ = try JSONSerialization.jsonObject(with: Data(try DeployArtifacts.text(path).utf8))
        }
        for expected in [
            "hubgate.example.yaml", "systemd/hubgate.yaml", "kubernetes/deployment.yaml", "kubernetes/kustomization.yaml",
            "prometheus/prometheus.yml", "prometheus/hubgate-alerts.yml",
        ] {
            #expect(yaml.contains(expected), "deploy/\(expected) is missing")
        }
        #expect(json == ["grafana/hubgate-dashboard.json"])
    }

    /// HubGate accepts the example, the systemd and the Kubernetes configurations as shipped (with
    /// the unit's own environment for the systemd one), each with its state under the volume.
    @Test func shippedConfigurationsAreAccepted() async throws {
        _ = try await DeployArtifacts.configuration(yaml: try DeployArtifacts.text("hubgate.example.yaml"))

        let unit = try DeployArtifacts.systemdUnit("systemd/hubgate.service")
        var environment: [String: String] = [:]
        for assignment in unit["Environment"] ?? [] {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            environment[parts[0]] = parts[1].replacingOccurrences(of: "%d", with: "/run/credentials/hubgate.service")
        }
        let systemd = try await DeployArtifacts.configuration(yaml: try DeployArtifacts.text("systemd/hubgate.yaml"), environment: environment)
        #expect(systemd.cache.path.hasPrefix("/var/lib/hubgate/"))
        #expect(systemd.budget.statePath.hasPrefix("/var/lib/hubgate/"))

        let kubernetes = try await DeployArtifacts.configuration(yaml: try DeployArtifacts.kubernetesConfigurationYAML())
        #expect(kubernetes.admin.host == "0.0.0.0", "kubelet probes and Prometheus reach the admin listener from outside the pod")
    }

    /// The unit hands the token over as a credential whose name is the file HubGate is told to read,
    /// keeps its state in the state directory, and allows the longest drain before SIGKILL.
    @Test func systemdUnitMatchesItsConfiguration() async throws {
        let unit = try DeployArtifacts.systemdUnit("systemd/hubgate.service")
        let credential = try #require(unit["LoadCredential"]?.first?.split(separator: ":").first.map(String.init))
        #expect(unit["Environment"]?.contains("HUBGATE_HUBSPOT_TOKEN_FILE=%d/\(credential)") == true)
        #expect(unit["StateDirectory"] == ["hubgate"])
        #expect(unit["ExecStart"]?.first?.hasSuffix("serve --config /etc/hubgate/hubgate.yaml") == true)
        #expect(unit["ExecReload"]?.last == "/bin/kill -HUP $MAINPID")
        #expect(unit["NoNewPrivileges"] == ["yes"])
        #expect(unit["CapabilityBoundingSet"] == [""])
        let configuration = try await DeployArtifacts.configuration(
            yaml: try DeployArtifacts.text("systemd/hubgate.yaml"),
            environment: ["HUBGATE_HUBSPOT_TOKEN_FILE": "/run/credentials/hubgate.service/\(credential)"]
        )
        let drain = configuration.budget.maxWait + configuration.upstream.requestTimeout
        let timeout = try #require(unit["TimeoutStopSec"]?.first.flatMap { Int($0) })
        #expect(Duration.seconds(timeout) > drain)
        #expect(configuration.admin.host == "127.0.0.1")
    }

    /// Kubernetes probes `/healthz` and `/readyz` on the admin port the ConfigMap configures, and the
    /// container's ports are the configured listeners.
    @Test func kubernetesProbesUseTheAdminListener() async throws {
        let configuration = try await DeployArtifacts.configuration(yaml: try DeployArtifacts.kubernetesConfigurationYAML())
        let container = try DeployArtifacts.kubernetesContainer()
        var ports: [String: Int] = [:]
        for port in container["ports"]?.array() ?? [] {
            ports[port["name"]?.string ?? ""] = port["containerPort"]?.int
        }
        #expect(ports == ["http": configuration.server.port, "admin": configuration.admin.port])
        for (probe, path) in [("startupProbe", "/healthz"), ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")] {
            #expect(container[probe]?["httpGet"]?["path"]?.string == path, "\(probe)")
            #expect(container[probe]?["httpGet"]?["port"]?.string == "admin", "\(probe)")
        }
        let service = try DeployArtifacts.kubernetesObject(kind: "Service", name: "hubgate")
        #expect(service["spec"]?["ports"]?.array().map { $0["targetPort"]?.string } == ["http"], "clients get the client port only")
        let admin = try DeployArtifacts.kubernetesObject(kind: "Service", name: "hubgate-admin")
        #expect(admin["spec"]?["type"]?.string == "ClusterIP")
    }

    /// The Deployment mounts the claim where the cache and budget files are, the ConfigMap where
    /// `--config` points, and the Secret where `hubspot.tokenFile` points, under the Secret's key.
    @Test func kubernetesMountsMatchTheConfiguration() async throws {
        let yaml = try DeployArtifacts.kubernetesConfigurationYAML()
        let configuration = try await DeployArtifacts.configuration(yaml: yaml)
        let pod = try DeployArtifacts.kubernetesPodSpec()
        let container = try DeployArtifacts.kubernetesContainer()
        var mounts: [String: String] = [:]
        for mount in container["volumeMounts"]?.array() ?? [] {
            mounts[mount["name"]?.string ?? ""] = mount["mountPath"]?.string
        }
        var volumes: [String: Node] = [:]
        for volume in pod["volumes"]?.array() ?? [] {
            volumes[volume["name"]?.string ?? ""] = volume
        }
        func mountPath(where source: (Node) -> Bool) throws -> String {
            let name = try #require(volumes.first { source($0.value) }?.key)
            return try #require(mounts[name])
        }

        let claim = try DeployArtifacts.kubernetesObject(kind: "PersistentVolumeClaim", name: "hubgate-state")
        let statePath = try mountPath { $0["persistentVolumeClaim"]?["claimName"]?.string == claim["metadata"]?["name"]?.string }
        #expect(configuration.cache.path.hasPrefix(statePath + "/"))
        #expect(configuration.budget.statePath.hasPrefix(statePath + "/"))

        let configPath = try mountPath { $0["configMap"]?["name"]?.string == "hubgate-config" }
        #expect(container["args"]?.array().compactMap(\.string) == ["serve", "--config", configPath + "/hubgate.yaml"])

        let secret = try #require(try DeployArtifacts.documents("kubernetes/secret.example.yaml").first)
        let secretName = try #require(secret["metadata"]?["name"]?.string)
        let secretKey = try #require(secret["stringData"]?.mapping?.keys.first?.string)
        let secretPath = try mountPath { $0["secret"]?["secretName"]?.string == secretName }
        let tokenFile = try #require(try Yams.compose(yaml: yaml)?["hubspot"]?["tokenFile"]?.string)
        #expect(tokenFile == secretPath + "/" + secretKey)
    }

    /// The Secret is a template only: `kubectl apply -k` never installs its placeholder, and every
    /// file kustomize names exists.
    @Test func kustomizationLeavesTheSecretOut() throws {
        let kustomization = try #require(try DeployArtifacts.documents("kubernetes/kustomization.yaml").first)
        let resources = kustomization["resources"]?.array().compactMap(\.string) ?? []
        #expect(!resources.contains("secret.example.yaml"))
        for resource in resources {
            #expect(FileManager.default.fileExists(atPath: DeployArtifacts.directory.appendingPathComponent("kubernetes/\(resource)").path), "\(resource)")
        }
    }

    /// Service links would put `HUBGATE_ADMIN_PORT=tcp://…` (from the hubgate-admin Service) in the
    /// pod's environment, which HubGate reads as `admin.port` and refuses; the Deployment turns them off.
    @Test func serviceLinksAreOff() async throws {
        let yaml = try DeployArtifacts.kubernetesConfigurationYAML()
        await #expect(throws: ConfigurationError.self) {
            try await DeployArtifacts.configuration(yaml: yaml, environment: ["HUBGATE_ADMIN_PORT": "tcp://10.96.0.12:8081"])
        }
        #expect(try DeployArtifacts.kubernetesPodSpec()["enableServiceLinks"]?.bool == false)
    }

    /// The pod runs as the image's numeric non-root user, without privileges, and its grace period
    /// covers the preStop pause plus the longest drain.
    @Test func kubernetesPodIsHardenedAndDrains() async throws {
        let configuration = try await DeployArtifacts.configuration(yaml: try DeployArtifacts.kubernetesConfigurationYAML())
        let pod = try DeployArtifacts.kubernetesPodSpec()
        let container = try DeployArtifacts.kubernetesContainer()
        let containerfile = try DeployArtifacts.text("container/Containerfile")
        #expect(containerfile.contains("\nUSER \(pod["securityContext"]?["runAsUser"]?.int ?? -1):"))
        #expect(pod["securityContext"]?["runAsNonRoot"]?.bool == true)
        #expect(pod["securityContext"]?["seccompProfile"]?["type"]?.string == "RuntimeDefault")
        #expect(container["securityContext"]?["readOnlyRootFilesystem"]?.bool == true)
        #expect(container["securityContext"]?["allowPrivilegeEscalation"]?.bool == false)
        #expect(container["securityContext"]?["capabilities"]?["drop"]?.array().compactMap(\.string) == ["ALL"])

        let preStop = container["lifecycle"]?["preStop"]?["exec"]?["command"]?.array().compactMap(\.string) ?? []
        let pause = Int(preStop.last ?? "") ?? 0
        let grace = try #require(pod["terminationGracePeriodSeconds"]?.int)
        #expect(Duration.seconds(grace - pause) > configuration.budget.maxWait + configuration.upstream.requestTimeout)
        let deployment = try DeployArtifacts.kubernetesObject(kind: "Deployment", name: "hubgate")
        #expect(deployment["spec"]?["replicas"]?.int == 1, "the budget and its SQLite state are per instance")
        #expect(deployment["spec"]?["strategy"]?["type"]?.string == "Recreate")
    }

    /// The image exposes the listeners Kubernetes uses, builds with the static Swift runtime, keeps
    /// state in the volume, and checks health on the admin port.
    @Test func containerfileMatchesTheManifests() async throws {
        let configuration = try await DeployArtifacts.configuration(yaml: try DeployArtifacts.kubernetesConfigurationYAML())
        let containerfile = try DeployArtifacts.text("container/Containerfile")
        #expect(containerfile.contains("\nEXPOSE \(configuration.server.port) \(configuration.admin.port)\n"))
        #expect(containerfile.contains("--static-swift-stdlib"))
        #expect(containerfile.contains("\nVOLUME [\"/var/lib/hubgate\"]\n"))
        #expect(containerfile.contains("http://127.0.0.1:\(configuration.admin.port)/healthz"))
        #expect(containerfile.contains("\nSTOPSIGNAL SIGTERM\n"))
    }

    /// The dashboard and the alert rules query only metrics HubGate exports, and the dashboard shows
    /// every one of them (a new metric in `MetricName.all` needs a panel).
    @Test func dashboardsAndAlertsUseExportedMetrics() throws {
        let dashboard = DeployArtifacts.metricNames(in: try DeployArtifacts.text("grafana/hubgate-dashboard.json"))
        let alerts = DeployArtifacts.metricNames(in: try DeployArtifacts.text("prometheus/hubgate-alerts.yml"))
        let alertTests = DeployArtifacts.metricNames(in: try DeployArtifacts.text("prometheus/hubgate-alerts.test.yml"))
        let exported = Set(MetricName.all)
        #expect(dashboard.subtracting(exported).isEmpty, "not exported: \(dashboard.subtracting(exported).sorted())")
        #expect(alerts.subtracting(exported).isEmpty, "not exported: \(alerts.subtracting(exported).sorted())")
        #expect(alertTests.subtracting(exported).isEmpty, "not exported: \(alertTests.subtracting(exported).sorted())")
        #expect(exported.subtracting(dashboard).isEmpty, "no panel: \(exported.subtracting(dashboard).sorted())")
    }

    /// The dashboard imports into any Grafana: every query goes through the `${DS_PROMETHEUS}` input.
    @Test func dashboardUsesTheDatasourceInput() throws {
        let text = try DeployArtifacts.text("grafana/hubgate-dashboard.json")
        let dashboard = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let inputs = dashboard["__inputs"] as? [[String: Any]] ?? []
        #expect(inputs.map { $0["name"] as? String } == ["DS_PROMETHEUS"])
        let panels = dashboard["panels"] as? [[String: Any]] ?? []
        let queries = panels.flatMap { $0["targets"] as? [[String: Any]] ?? [] }
        #expect(queries.count > 20)
        for query in queries {
            #expect((query["datasource"] as? [String: Any])?["uid"] as? String == "${DS_PROMETHEUS}")
        }
    }

    /// Prometheus finds the admin listener: the static target is the systemd configuration's admin
    /// address, and Kubernetes discovery keeps the hubgate-admin Service's admin port.
    @Test func scrapeConfigurationFindsTheAdminListener() async throws {
        let prometheus = try #require(try DeployArtifacts.documents("prometheus/prometheus.yml").first)
        let jobs = prometheus["scrape_configs"]?.array() ?? []
        let systemd = try await DeployArtifacts.configuration(
            yaml: try DeployArtifacts.text("systemd/hubgate.yaml"),
            environment: ["HUBGATE_HUBSPOT_TOKEN_FILE": "/run/credentials/hubgate.service/hubspot-token"]
        )
        let targets = jobs.flatMap { $0["static_configs"]?.array() ?? [] }.flatMap { $0["targets"]?.array().compactMap(\.string) ?? [] }
        #expect(targets == ["\(systemd.admin.host):\(systemd.admin.port)"])
        let admin = try DeployArtifacts.kubernetesObject(kind: "Service", name: "hubgate-admin")
        let portName = try #require(admin["spec"]?["ports"]?.array().first?["name"]?.string)
        let keep = jobs.flatMap { $0["relabel_configs"]?.array() ?? [] }.first { $0["action"]?.string == "keep" }
        #expect(keep?["regex"]?.string == "hubgate-admin;\(portName)")
        #expect(jobs.allSatisfy { $0["metrics_path"]?.string == "/metrics" })
    }

    /// No file in `deploy/` holds something shaped like a HubSpot private-app token.
    @Test func noTokenIsCommitted() throws {
        let token = try Regex("pat-[a-z]{2}[0-9]-[0-9a-f]{8}-")
        for path in DeployArtifacts.files(withExtensions: ["yaml", "yml", "json", "service", "conf", "md", "sh", ""]) {
            // A Bool, so a failure names the file without printing the token into the log.
            let holdsToken = ((try? DeployArtifacts.text(path)) ?? "").contains(token)
            #expect(!holdsToken, "\(path) holds a HubSpot token")
        }
    }
}
