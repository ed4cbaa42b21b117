import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// The rolling burst window, the daily limit and their headers, on a manual clock.
struct RateLimitTests {
    private static let labels = "/crm/v4/associations/contacts/companies/labels"

    /// Every response carries the five rate-limit headers and a correlation id.
    @Test func headersOnEveryResponse() {
        var sim = SimulatorHarness(.seed)
        let response = sim.send(.get, Self.labels)
        #expect(response.header("X-HubSpot-RateLimit-Max") == "190")
        #expect(response.header("X-HubSpot-RateLimit-Remaining") == "189")
        #expect(response.header("X-HubSpot-RateLimit-Interval-Milliseconds") == "10000")
        #expect(response.header("X-HubSpot-RateLimit-Daily") == "625000")
        #expect(response.header("X-HubSpot-RateLimit-Daily-Remaining") == "624999")
        #expect(response.header("X-HubSpot-Correlation-Id")?.count == 36)
    }

    /// Over the window limit HubSpot's TEN_SECONDLY_ROLLING 429 comes back; the window then rolls.
    @Test func rollingWindow() throws {
        var sim = SimulatorHarness(.hubspot) {
            $0.burstLimit = 20
            $0.burstInterval = .seconds(2)
        }
        for _ in 0..<20 {
            #expect(sim.send(.get, Self.labels).status.code == 200)
            sim.advance(.milliseconds(50))
        }
        let refused = sim.send(.get, Self.labels)
        #expect(refused.status.code == 429)
        let body = try refused.object()
        #expect(body.string("message") == "You have reached your ten_secondly_rolling limit.")
        #expect(body.string("errorType") == "RATE_LIMIT")
        #expect(body.string("policyName") == "TEN_SECONDLY_ROLLING")
        #expect(body.string("category") == "RATE_LIMITS")
        #expect(refused.header("X-HubSpot-RateLimit-Remaining") == "0")
        // At t = 2 s only the t = 0 request has left, and the 429 at t = 1 s still counts (as at
        // HubSpot), so the window is still full; one interval after the 429 it is empty.
        sim.advance(.milliseconds(1000))
        #expect(sim.send(.get, Self.labels).status.code == 429)
        sim.advance(.milliseconds(2000))
        #expect(sim.send(.get, Self.labels).status.code == 200)
        let stats = sim.stats()
        #expect(stats.rateLimited == 2)
        #expect(stats.peakWindowCount == 20)
    }

    /// With `countsRejectedRequests` off, 429s do not use up the window.
    @Test func rejectedNotCounted() {
        var sim = SimulatorHarness(.seed) {
            $0.burstLimit = 2
            $0.countsRejectedRequests = false
        }
        _ = sim.send(.get, Self.labels)
        _ = sim.send(.get, Self.labels)
        for _ in 0..<5 { #expect(sim.send(.get, Self.labels).status.code == 429) }
        #expect(sim.stats().windowCount == 2)
    }

    /// A client pacing under the limit never sees a 429, and the peak proves it stayed under.
    @Test func pacedClientStaysUnderLimit() {
        var sim = SimulatorHarness(.seed) {
            $0.burstLimit = 10
            $0.burstInterval = .seconds(1)
        }
        for _ in 0..<500 {
            #expect(sim.send(.get, Self.labels).status.code == 200)
            sim.advance(.milliseconds(101))
        }
        #expect(sim.stats().peakWindowCount <= 10)
        #expect(sim.stats().rateLimited == 0)
    }

    /// For any arrival pattern, accepted requests in any window never exceed the limit.
    @Test func noWindowExceedsLimit() {
        var random = SeededRandom(seed: 7)
        var sim = SimulatorHarness(.seed) {
            $0.burstLimit = 15
            $0.burstInterval = .seconds(1)
        }
        var accepted: [Duration] = []
        for _ in 0..<2000 {
            if sim.send(.get, Self.labels).status.code == 200 { accepted.append(sim.elapsed) }
            sim.advance(.milliseconds(Int(random.next() % 120)))
        }
        var start = 0
        for end in accepted.indices {
            while accepted[start] + .seconds(1) <= accepted[end] { start += 1 }
            #expect(end - start + 1 <= 15)
        }
        #expect(sim.stats().peakWindowCount == 15)
    }

    /// The daily limit answers DAILY 429s until UTC midnight, then resets.
    @Test func dailyLimit() throws {
        var sim = SimulatorHarness(.seed) { $0.dailyLimit = 3 }
        sim.date = Date(timeIntervalSince1970: 1_831_939_200 + 86_400 - 30)  // 23:59:30 UTC
        for _ in 0..<3 { #expect(sim.send(.get, Self.labels).status.code == 200) }
        let refused = sim.send(.get, Self.labels)
        #expect(refused.status.code == 429)
        #expect(try refused.object().string("policyName") == "DAILY")
        #expect(try refused.object().string("message") == "You have reached your daily limit.")
        #expect(refused.header("X-HubSpot-RateLimit-Daily-Remaining") == "0")
        sim.advance(.seconds(31))
        let fresh = sim.send(.get, Self.labels)
        #expect(fresh.status.code == 200)
        #expect(fresh.header("X-HubSpot-RateLimit-Daily-Remaining") == "2")
    }

    /// Control routes are neither rate-limited nor counted.
    @Test func controlRoutesAreFree() {
        var sim = SimulatorHarness(.seed) { $0.burstLimit = 1 }
        for _ in 0..<5 { #expect(sim.send(.get, "/_simulator/stats", token: nil).status.code == 200) }
        #expect(sim.send(.get, Self.labels).status.code == 200)
        #expect(sim.stats().totalRequests == 1)
    }
}
