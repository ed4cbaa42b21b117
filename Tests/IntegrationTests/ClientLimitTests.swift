import HTTPTypes
import HubGate
import HubSpotSimulator
import Testing

/// Each client's own share: over it, a 429 with Retry-After and the IETF RateLimit fields, with no
/// upstream call, and no effect on other clients.
@Suite(.timeLimit(.minutes(1)))
struct ClientLimitTests {
    static let path = "/crm/v4/objects/contacts/1/associations/companies"

    /// The fourth call within a 3-per-minute share is refused; the other client is unaffected.
    @Test func refusesCallsOverTheShare() async throws {
        try await GatewayHarness.run(gateway: {
            $0.clientLimits.perClient["reader"] = ClientRateLimit(quota: 3, window: .seconds(60))
        }) { harness in
            for remaining in [2, 1, 0] {
                let allowed = try await harness.gateway(.get, Self.path, key: GatewayHarness.readerKey)
                #expect(allowed.status == .ok)
                #expect(allowed.header("RateLimit-Policy") == #""client";q=3;w=60"#)
                #expect(allowed.header("RateLimit")?.hasPrefix(#""client";r=\#(remaining);t="#) == true)
            }
            let refused = try await harness.gateway(.get, Self.path, key: GatewayHarness.readerKey)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.json["category"] as? String == "RATE_LIMITS")
            #expect(Int(refused.header("Retry-After") ?? "") ?? 0 >= 1)
            #expect(refused.header("RateLimit")?.hasPrefix(#""client";r=0;"#) == true)
            #expect(refused.json["policyName"] == nil, "not HubSpot's limit: clients must not wait for a HubSpot window")
            #expect(harness.simulator.stats().requests(.listAssociations) == 3)
            let other = try await harness.gateway(.get, Self.path, key: GatewayHarness.writerKey)
            #expect(other.status == .ok)
        }
    }

    /// In shadow mode a client over its share is still served.
    @Test func shadowModeServesAnyway() async throws {
        try await GatewayHarness.run(gateway: {
            $0.clientLimits.perClient["reader"] = ClientRateLimit(quota: 1, window: .seconds(60))
            $0.clientLimits.isShadowMode = true
        }) { harness in
            for _ in 0..<3 {
                let response = try await harness.gateway(.get, Self.path, key: GatewayHarness.readerKey)
                #expect(response.status == .ok)
            }
            #expect(harness.simulator.stats().requests(.listAssociations) == 3)
        }
    }
}
