/// Counters the control API and in-process tests read.
package struct SimulatorStats: Sendable, Equatable {
    /// HubSpot-route requests received, including refused ones.
    package var totalRequests = 0
    /// The same, per operation.
    package var requestsByOperation: [SimulatorOperation: Int] = [:]
    /// Requests refused with 429 by the simulated rate limits (not scripted 429 faults).
    package var rateLimited = 0
    /// Requests refused with 401.
    package var unauthorized = 0
    /// Requests answered by a scripted fault (status or reset).
    package var faultsInjected = 0
    /// The most accepted requests seen inside one rolling window.
    package var peakWindowCount = 0
    /// Requests counted in the current window.
    package var windowCount = 0
    /// Requests counted today.
    package var dailyCount = 0
    /// Stored association entries (each direction counts once).
    package var associationCount = 0
    /// User-defined labels (a paired label counts once).
    package var userLabelCount = 0

    /// Requests of one operation.
    package func requests(_ operation: SimulatorOperation) -> Int {
        requestsByOperation[operation, default: 0]
    }

    /// The control API's JSON.
    var json: JSONValue {
        let byOperation = requestsByOperation.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, JSONValue.number($0.value)) }
        return .object([
            ("requests", .object([("total", .number(totalRequests)), ("byOperation", .object(byOperation))])),
            ("rateLimited", .number(rateLimited)),
            ("unauthorized", .number(unauthorized)),
            ("faultsInjected", .number(faultsInjected)),
            ("peakWindowCount", .number(peakWindowCount)),
            ("windowCount", .number(windowCount)),
            ("dailyCount", .number(dailyCount)),
            ("associations", .number(associationCount)),
            ("userLabels", .number(userLabelCount)),
        ])
    }
}
