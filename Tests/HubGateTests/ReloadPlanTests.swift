import Foundation
import Testing

@testable import HubGate

/// What a reload changes: reloadable keys by name, keys that need a restart kept at their running
/// value, and never a secret's value.
struct ReloadPlanTests {
    static func client(_ name: String, scopes: Set<ClientScope> = [.read]) -> ClientConfiguration {
        ClientConfiguration(name: name, keyHash: ClientKeyHash.hash(ofKey: "\(name)-key"), scopes: scopes)
    }

    var running: GatewayConfiguration {
        GatewayConfiguration(hubSpotToken: Secret("pat-old"), clients: [Self.client("billing"), Self.client("crm-sync", scopes: [.read, .write])])
    }

    /// The same configuration changes nothing.
    @Test func sameConfigurationChangesNothing() {
        let plan = ReloadPlan(running: running, loaded: running)
        #expect(plan.isEmpty)
    }

    /// Clients, limits, TTLs, budget numbers, the token and the log level are named as they change,
    /// and nothing needs a restart.
    @Test func namesReloadableChanges() {
        var loaded = running
        loaded.clients = [Self.client("billing", scopes: [.read, .write]), Self.client("audit")]
        loaded.clientLimits.isShadowMode = true
        loaded.clientLimits.perClient["audit"] = ClientRateLimit(quota: 5, window: .seconds(10))
        loaded.cache.policy.freshFor = .seconds(60)
        loaded.budget.configuration.rollingWindow.limit = 100
        loaded.budget.configuration.daily.timeZone = TimeZone(identifier: "Europe/Paris")!
        loaded.budget.maxWait = .seconds(5)
        loaded.hubSpotToken = Secret("pat-new")
        loaded.logLevel = "debug"
        loaded.server.maxBodyBytes = 1024
        loaded.v3CompanyReads = .all
        loaded.v3CreatePreservesLabels = false

        let plan = ReloadPlan(running: running, loaded: loaded)
        #expect(plan.changed == [
            "server.maxBodyBytes", "hubspot.token", "clientNames", "clients.billing.scopes",
            "clientLimits.shadow", "clients.audit.quota", "clients.audit.burst",
            "cache.ttlSeconds", "budget.burstLimit", "budget.timeZone", "budget.maxWaitMs",
            "v3.companyReads", "v3.createPreservesLabels", "log.level",
        ])
        #expect(plan.restartRequired.isEmpty)
        #expect(plan.configuration.clients == loaded.clients)
        #expect(plan.configuration.budget == loaded.budget)
        #expect(plan.configuration.cache == loaded.cache)
        #expect(plan.configuration.hubSpotToken == Secret("pat-new"))
        #expect(!plan.changed.joined().contains("pat-"), "a changed token is named, never shown")
    }

    /// A changed key alone (same names and scopes) is named by its client.
    @Test func namesAChangedKey() {
        var loaded = running
        loaded.clients[1].keyHash = ClientKeyHash.hash(ofKey: "rotated")
        #expect(ReloadPlan(running: running, loaded: loaded).changed == ["clients.crm-sync.keySha256"])
    }

    /// Listener, upstream, cache-storage and budget-switch settings need a restart: they are named
    /// and keep their running values, while the reloadable rest applies.
    @Test func keepsWhatNeedsARestart() {
        var loaded = running
        loaded.server.port = 9090
        loaded.admin.host = "0.0.0.0"
        loaded.upstream.baseURL = "http://127.0.0.1:8090"
        loaded.upstream.retry.maxAttempts = 1
        loaded.cache.isEnabled = false
        loaded.cache.path = "/var/lib/hubgate/cache.sqlite"
        loaded.budget.isEnabled = false
        loaded.budget.statePath = "/var/lib/hubgate/state.sqlite"
        loaded.budget.configuration.rollingWindow.startupProbeTimeout = nil
        loaded.clientLimits.defaultLimit = ClientRateLimit(quota: 50, window: .seconds(10))
        loaded.logFormat = .json

        let plan = ReloadPlan(running: running, loaded: loaded)
        #expect(plan.restartRequired == [
            "server.port", "admin.host", "upstream.url", "upstream.retryAttempts",
            "cache.enabled", "cache.path", "budget.enabled", "budget.statePath", "budget.startupProbeMs", "log.format",
        ])
        #expect(plan.changed == ["clientLimits.quota", "clientLimits.burst"])
        #expect(plan.configuration.server == running.server)
        #expect(plan.configuration.admin == running.admin)
        #expect(plan.configuration.upstream == running.upstream)
        #expect(plan.configuration.cache == running.cache)
        #expect(plan.configuration.budget == running.budget)
        #expect(plan.configuration.clientLimits == loaded.clientLimits)
        #expect(plan.configuration.logFormat == .text)

        // Until the restart, every reload still reports it.
        #expect(ReloadPlan(running: plan.configuration, loaded: loaded).restartRequired == plan.restartRequired)
    }
}
