import Configuration
import HubSpotSimulator
import Testing

/// Reading `SimulatorConfiguration` from swift-configuration.
struct ConfigurationTests {
    /// Without keys the defaults are HubSpot Professional's.
    @Test func defaults() throws {
        let configuration = try SimulatorConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8090)
        #expect(configuration.dialect == .seed)
        #expect(configuration.burstLimit == 190)
        #expect(configuration.burstInterval == .seconds(10))
        #expect(configuration.dailyLimit == 625_000)
        #expect(configuration.effectiveListPageSize == 100)
    }

    /// Scoped keys override the defaults.
    @Test func scopedValues() throws {
        let provider = InMemoryProvider(values: [
            "simulator.port": 0,
            "simulator.dialect": "HubSpot",
            "simulator.token": ConfigValue("pat-123", isSecret: true),
            "simulator.burstLimit": 20,
            "simulator.burstIntervalMilliseconds": 2000,
            "simulator.countsRejectedRequests": false,
        ])
        let configuration = try SimulatorConfiguration(reader: ConfigReader(provider: provider).scoped(to: "simulator"))
        #expect(configuration.port == 0)
        #expect(configuration.dialect == .hubspot)
        #expect(configuration.token == "pat-123")
        #expect(configuration.burstLimit == 20)
        #expect(configuration.burstInterval == .seconds(2))
        #expect(configuration.countsRejectedRequests == false)
        #expect(configuration.effectiveListPageSize == 500)
    }

    /// Unknown dialects and impossible numbers are refused at start.
    @Test func invalidValues() {
        #expect(throws: SimulatorConfiguration.InvalidValue.self) {
            try SimulatorConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: ["dialect": "v3"])))
        }
        #expect(throws: SimulatorConfiguration.InvalidValue.self) {
            try SimulatorConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: ["burstLimit": 0])))
        }
    }
}
