import Configuration
import Foundation
import Testing

@testable import HubGate

/// Reading and validating the gateway configuration.
struct GatewayConfigurationTests {
    static let readerHash = ClientKeyHash.formatted(ofKey: "reader-key")

    func reader(_ values: [AbsoluteConfigKey: ConfigValue]) -> ConfigReader {
        ConfigReader(provider: InMemoryProvider(values: values))
    }

    var validValues: [AbsoluteConfigKey: ConfigValue] {
        [
            "hubspot.token": .init(.string("pat-na1-secret"), isSecret: true),
            "clientNames": .init(.stringArray(["billing"]), isSecret: false),
            "clients.billing.keySha256": .init(.string(Self.readerHash), isSecret: false),
            "clients.billing.scopes": .init(.stringArray(["read", "write"]), isSecret: false),
        ]
    }

    /// Plain HTTP to anything but this machine's loopback sends the token unencrypted; HTTPS never does.
    @Test(arguments: [
        ("https://api.hubapi.com", false),
        ("HTTPS://api.hubapi.com", false),
        ("http://127.0.0.1:9090", false),
        ("http://localhost:9090/", false),
        ("http://[::1]:9090", false),
        ("http://user@127.0.0.2", false),
        ("http://api.hubapi.com", true),
        ("HTTP://10.0.0.7:9090", true),
        ("http://[2001:db8::1]:9090", true),
        ("http://127.0.0.1.example.com", true),
    ])
    func flagsTokenSentInClear(url: String, inClear: Bool) {
        var upstream = GatewayConfiguration.Upstream()
        upstream.baseURL = url
        #expect(upstream.sendsTokenInClear == inClear)
    }

    /// A minimal configuration gets production defaults for everything else.
    @Test func appliesDefaults() throws {
        let configuration = try GatewayConfiguration(reader: reader(validValues))
        #expect(configuration.server.port == 8080)
        #expect(configuration.server.host == "0.0.0.0")
        #expect(configuration.admin.host == "127.0.0.1")
        #expect(configuration.upstream.baseURL == "https://api.hubapi.com")
        #expect(configuration.hubSpotToken.reveal() == "pat-na1-secret")
        #expect(configuration.clients == [ClientConfiguration(name: "billing", keyHash: ClientKeyHash.hash(ofKey: "reader-key"), scopes: [.read, .write])])
        #expect(configuration.v3CreatePreservesLabels)
        #expect(configuration.server.idleTimeout == .seconds(75))
    }

    /// `server.idleTimeoutSeconds`: seconds, `0` for never, a negative or day-long value refused.
    @Test(arguments: [(30, Duration.seconds(30)), (0, nil)] as [(Int, Duration?)])
    func readsIdleTimeout(seconds: Int, expected: Duration?) throws {
        var values = validValues
        values["server.idleTimeoutSeconds"] = .init(.int(seconds), isSecret: false)
        #expect(try GatewayConfiguration(reader: reader(values)).server.idleTimeout == expected)
        values["server.idleTimeoutSeconds"] = .init(.int(-1), isSecret: false)
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(reader: self.reader(values)) }
    }

    /// `budget.startupProbeMs`: 2 s unless set, as in the defaults built in code; `0` turns the probe off.
    @Test func readsStartupProbe() throws {
        var values = validValues
        #expect(try GatewayConfiguration(reader: reader(values)).budget.configuration.rollingWindow.startupProbeTimeout == .seconds(2))
        #expect(GatewayConfiguration.Budget().configuration.rollingWindow.startupProbeTimeout == .seconds(2))
        for (milliseconds, expected) in [(500, Duration.milliseconds(500)), (0, nil)] as [(Int, Duration?)] {
            values["budget.startupProbeMs"] = .init(.int(milliseconds), isSecret: false)
            #expect(try GatewayConfiguration(reader: reader(values)).budget.configuration.rollingWindow.startupProbeTimeout == expected)
        }
    }

    /// The problems `values` (on top of the valid ones) are refused with, or none.
    func problems(_ values: [AbsoluteConfigKey: ConfigValue]) -> [String] {
        do {
            _ = try GatewayConfiguration(reader: reader(validValues.merging(values) { $1 }))
            return []
        } catch {
            return error.problems
        }
    }

    /// A switch set to something that is not a boolean is a problem, not its default; `1` and `0`
    /// count as on and off, as they do in the environment.
    @Test func refusesSwitchesThatAreNotBooleans() throws {
        for key in ["cache.enabled", "budget.enabled", "clientLimits.enabled", "clientLimits.shadow", "v3.createPreservesLabels", "log.access"] {
            #expect(problems([AbsoluteConfigKey(stringLiteral: key): .init(.string("nope"), isSecret: false)]) == ["\(key): 'nope' is not true or false"])
        }
        var values = validValues
        values["cache.enabled"] = .init(.string("0"), isSecret: false)
        values["log.access"] = .init(.string("1"), isSecret: false)
        let configuration = try GatewayConfiguration(reader: reader(values))
        #expect(!configuration.cache.isEnabled)
        #expect(configuration.isAccessLogEnabled)
    }

    /// A client's own quota, window or burst that is not a number is refused, even when it is the
    /// only one set (it used to be skipped, leaving the client on the default share).
    @Test(arguments: ["quota", "windowSeconds", "burst"])
    func refusesNonNumericClientLimit(name: String) {
        #expect(problems([AbsoluteConfigKey(stringLiteral: "clients.billing.\(name)"): .init(.string("two"), isSecret: false)]) == ["clients.billing.\(name): 'two' is not an integer"])
    }

    /// Every problem is listed at once: one value's problem hides no other.
    @Test func listsProblemsOneWouldHide() {
        #expect(Set(problems([
            "budget.headroom": .init(.int(500), isSecret: false),
            "budget.intervalMs": .init(.int(0), isSecret: false),
            "budget.queueCapacity": .init(.int(-1), isSecret: false),
        ])) == [
            "budget.headroom: must be below budget.burstLimit",
            "budget.intervalMs: 0 is outside 100...3600000",
            "budget.queueCapacity: -1 is outside 0...1000000",
        ])
        #expect(Set(problems([
            "clients.billing.keySha256": .init(.string("nothex"), isSecret: false),
            "clients.billing.scopes": .init(.stringArray(["admin"]), isSecret: false),
        ])) == ["clients.billing.keySha256: must be sha256:<64 hex digits>", "clients.billing.scopes: unknown scope 'admin' (read, write)"])
        #expect(problems(["clientNames": .init(.stringArray(["billing", "billing"]), isSecret: false)]) == ["clientNames: 'billing' is listed twice"])
    }

    /// What `serve` could not start with is refused before: one port for both listeners, an
    /// upstream port no socket has.
    @Test func refusesWhatCannotStart() {
        #expect(problems(["server.port": .init(.int(9000), isSecret: false), "admin.port": .init(.int(9000), isSecret: false)])
            == ["admin.port: 9000 is also server.port; the two listeners need their own ports"])
        #expect(problems(["server.port": .init(.int(0), isSecret: false), "admin.port": .init(.int(0), isSecret: false)]) == [])
        #expect(problems(["upstream.url": .init(.string("http://127.0.0.1:99999"), isSecret: false)]).count == 1)
        #expect(problems(["upstream.url": .init(.string("http://127.0.0.1:9090"), isSecret: false)]) == [])
    }

    /// `server.heapTrimSeconds`: every 10 s unless set; `0` turns the trims off.
    @Test func readsHeapTrimInterval() throws {
        var values = validValues
        #expect(try GatewayConfiguration(reader: reader(values)).server.heapTrimInterval == .seconds(10))
        for (seconds, expected) in [(30, Duration.seconds(30)), (0, nil)] as [(Int, Duration?)] {
            values["server.heapTrimSeconds"] = .init(.int(seconds), isSecret: false)
            #expect(try GatewayConfiguration(reader: reader(values)).server.heapTrimInterval == expected)
        }
    }

    /// Explicit values override the defaults, and a trailing slash on the upstream URL is dropped.
    @Test func readsExplicitValues() throws {
        var values = validValues
        values["server.port"] = .init(.int(9000), isSecret: false)
        values["upstream.url"] = .init(.string("http://127.0.0.1:8090/"), isSecret: false)
        values["upstream.timeoutMs"] = .init(.int(1500), isSecret: false)
        values["v3.createPreservesLabels"] = .init(.bool(false), isSecret: false)
        let configuration = try GatewayConfiguration(reader: reader(values))
        #expect(!configuration.v3CreatePreservesLabels)
        #expect(configuration.server.port == 9000)
        #expect(configuration.upstream.baseURL == "http://127.0.0.1:8090")
        #expect(configuration.upstream.requestTimeout == .milliseconds(1500))
    }

    /// Every problem is reported at once, each naming its key, and none shows the token.
    @Test func reportsAllProblems() {
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "hubspot.token": .init(.string("pat-na1-secret"), isSecret: true),
            "server.port": .init(.string("eighty"), isSecret: false),
            "admin.port": .init(.int(70000), isSecret: false),
            "upstream.url": .init(.string("ftp://example.com"), isSecret: false),
            "clientNames": .init(.stringArray(["a", "b", "c"]), isSecret: false),
            "clients.a.keySha256": .init(.string("sha256:1234"), isSecret: false),
            "clients.c.keySha256": .init(.string(Self.readerHash), isSecret: false),
            "clients.c.scopes": .init(.stringArray(["admin"]), isSecret: false),
            "log.level": .init(.string("loud"), isSecret: false),
        ]
        #expect {
            try GatewayConfiguration(reader: reader(values))
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            let text = error.description
            return error.problems.count == 7
                && text.contains("server.port") && text.contains("admin.port") && text.contains("upstream.url")
                && text.contains("clients.a.keySha256") && text.contains("clients.b.keySha256")
                && text.contains("clients.c.scopes") && text.contains("log.level")
                && !text.contains("pat-na1-secret")
        }
    }

    /// Without a token the configuration is refused; the token is read from the secrets reader only.
    @Test func requiresTokenFromSecretsReader() throws {
        var values = validValues
        values["hubspot.token"] = nil
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(reader: reader(values)) }
        let secrets = reader(["hubspot.token": .init(.string("pat-from-env"), isSecret: true)])
        let configuration = try GatewayConfiguration(reader: reader(validValues), secretsReader: secrets)
        #expect(configuration.hubSpotToken.reveal() == "pat-from-env")
    }

    /// A token found only in the file (not the secrets reader) is refused with the reason, not ignored.
    @Test func refusesTokenFromConfigurationFile() {
        #expect {
            try GatewayConfiguration(reader: reader(validValues), secretsReader: reader([:]))
        } throws: { error in
            (error as? ConfigurationError)?.problems == ["hubspot.token: not accepted from a configuration file; set HUBGATE_HUBSPOT_TOKEN or hubspot.tokenFile"]
        }
    }

    /// A token in the configuration file is refused even when the environment also sets one, which
    /// would win: plain text on disk must not sit there unnoticed.
    @Test func refusesTokenFromConfigurationFileWhateverTheEnvironmentSays() {
        let secrets = reader(["hubspot.token": .init(.string("pat-from-env"), isSecret: true)])
        let file = reader(["hubspot.token": .init(.string("pat-na1-secret"), isSecret: true)])
        #expect {
            try GatewayConfiguration(reader: reader(validValues), secretsReader: secrets, fileReader: file)
        } throws: { error in
            (error as? ConfigurationError)?.problems == ["hubspot.token: not accepted from a configuration file; set HUBGATE_HUBSPOT_TOKEN or hubspot.tokenFile"]
        }
    }

    /// A token with a space, a line break or a control character is refused, wherever it came
    /// from, without quoting it.
    @Test(arguments: ["pat-na1-a\r\nX-Injected: yes", "Bearer pat-na1-a", "pat-na1-\u{7}a"])
    func refusesTokensNoBearerCouldCarry(token: String) throws {
        let secrets = reader(["hubspot.token": .init(.string(token), isSecret: true)])
        #expect {
            try GatewayConfiguration(reader: reader(validValues), secretsReader: secrets)
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.count == 1 && problems[0].hasPrefix("HUBGATE_HUBSPOT_TOKEN: the token holds") && !problems[0].contains("pat-na1")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hubgate-token-\(UInt64.random(in: 0...UInt64.max))").path
        try (token + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var values = validValues
        values["hubspot.token"] = nil
        values["hubspot.tokenFile"] = .init(.string(path), isSecret: false)
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(reader: reader(values), secretsReader: reader([:])) }
    }

    /// The token can come from a file (a mounted secret), trimmed of its newline.
    @Test func readsTokenFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hubgate-token-\(UInt64.random(in: 0...UInt64.max))").path
        try "pat-from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var values = validValues
        values["hubspot.token"] = nil
        values["hubspot.tokenFile"] = .init(.string(path), isSecret: false)
        let configuration = try GatewayConfiguration(reader: reader(values), secretsReader: reader([:]))
        #expect(configuration.hubSpotToken.reveal() == "pat-from-file")
    }

    /// Per-client limits: defaults apply to every client, and a client's own keys override them.
    @Test func readsClientLimits() throws {
        var values = validValues
        values["clientLimits.quota"] = .init(.int(50), isSecret: false)
        values["clients.billing.quota"] = .init(.int(5), isSecret: false)
        values["clients.billing.windowSeconds"] = .init(.int(60), isSecret: false)
        let configuration = try GatewayConfiguration(reader: reader(values))
        #expect(configuration.clientLimits.isEnabled)
        #expect(configuration.clientLimits.defaultLimit.quota == 50)
        #expect(configuration.clientLimits.perClient["billing"]?.quota == 5)
        #expect(configuration.clientLimits.perClient["billing"]?.window == .seconds(60))
    }

    /// Two clients with the same key are refused: the gateway could not tell them apart.
    @Test func refusesDuplicateKeys() {
        var values = validValues
        values["clientNames"] = .init(.stringArray(["billing", "sync"]), isSecret: false)
        values["clients.sync.keySha256"] = .init(.string(Self.readerHash), isSecret: false)
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(reader: reader(values)) }
    }

    /// The token never appears in the configuration's description.
    @Test func neverPrintsTheToken() throws {
        let configuration = try GatewayConfiguration(reader: reader(validValues))
        #expect(!"\(configuration)".contains("pat-na1-secret"))
        #expect("\(configuration.hubSpotToken)" == "<redacted>")
    }
}
