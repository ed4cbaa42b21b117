import Foundation
import HTTPTypes
import HubSpotSimulator
import Testing

/// The thread-safe in-process handle.
struct SimulatorControlTests {
    /// Concurrent callers all get counted, and the limiter never admits more than its limit.
    @Test func concurrentRequests() async {
        var configuration = SimulatorConfiguration()
        configuration.burstLimit = 150
        let control = SimulatorControl(configuration: configuration)
        var headers = HTTPFields()
        headers[.authorization] = "Bearer sim-token"
        let request = SimulatorRequest(method: .get, path: "/crm/v4/associations/contacts/companies/labels", headers: headers)
        let statuses = await withTaskGroup(of: Int.self, returning: [Int].self) { group in
            for _ in 0..<400 {
                group.addTask { control.respond(to: request).status.code }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let stats = control.stats()
        #expect(stats.totalRequests == 400)
        #expect(statuses.filter { $0 == 200 }.count == 150)
        #expect(stats.rateLimited == 250)
        #expect(stats.peakWindowCount == 150)
    }

    /// Faults scripted on the handle apply to the next calls and can be cleared.
    @Test func scriptFaults() {
        let control = SimulatorControl(configuration: SimulatorConfiguration())
        control.addFault(FaultRule(operation: .listLabels, status: 502, count: 1))
        #expect(control.faultRules.count == 1)
        var headers = HTTPFields()
        headers[.authorization] = "Bearer sim-token"
        let request = SimulatorRequest(method: .get, path: "/crm/v4/associations/contacts/companies/labels", headers: headers)
        #expect(control.respond(to: request).status.code == 502)
        #expect(control.respond(to: request).status.code == 200)
        control.addFault(FaultRule(operation: nil, latencyMs: 10))
        control.clearFaults()
        #expect(control.faultRules.isEmpty)
        control.reset()
        #expect(control.stats().totalRequests == 0)
        #expect(control.boundPort == nil)
    }
}
