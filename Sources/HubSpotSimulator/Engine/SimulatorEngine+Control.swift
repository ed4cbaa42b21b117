import Foundation
import HTTPTypes

/// The control API under `/_simulator/`: not authenticated, not rate-limited, not counted.
extension SimulatorEngine {
    /// Handles `/_simulator/stats|faults|requests|reset`.
    mutating func handleControl(_ request: SimulatorRequest, now: ContinuousClock.Instant, date: Date) -> SimulatorResponse {
        func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> SimulatorResponse {
            var response = SimulatorResponse(status: status, body: value.bytes)
            response.headers[.contentType] = "application/json"
            return response
        }
        func failure(_ status: HTTPResponse.Status, _ message: String) -> SimulatorResponse {
            json(status, .object([("status", .string("error")), ("message", .string(message))]))
        }
        switch (request.method, request.path) {
        case (.get, "/_simulator/stats"):
            return json(.ok, stats(now: now, date: date).json)
        case (.get, "/_simulator/faults"):
            return json(.ok, .object([("faults", .array(faultRules.map(Self.faultJSON)))]))
        case (.post, "/_simulator/faults"):
            do {
                let rules: [FaultRule]
                if let many = try? JSONDecoder().decode([FaultRule].self, from: Data(request.body)) {
                    rules = many
                } else {
                    rules = [try JSONDecoder().decode(FaultRule.self, from: Data(request.body))]
                }
                for rule in rules { addFault(rule) }
                return json(.ok, .object([("faults", .array(faultRules.map(Self.faultJSON)))]))
            } catch {
                return failure(.badRequest, "Invalid fault: \(error)")
            }
        case (.delete, "/_simulator/faults"):
            clearFaults()
            return SimulatorResponse(status: .noContent)
        case (.get, "/_simulator/requests"):
            let operation = request.queryValue("operation").flatMap(SimulatorOperation.init(rawValue:))
            if let name = request.queryValue("operation"), operation == nil { return failure(.badRequest, "Unknown operation \(name)") }
            let limit = request.queryValue("limit").flatMap(Int.init) ?? .max
            return json(.ok, .object([("requests", .array(recordedRequests(operation: operation, limit: limit).map(\.json)))]))
        case (.post, "/_simulator/reset"):
            reset()
            return SimulatorResponse(status: .noContent)
        default:
            return failure(.notFound, "Unknown control route \(request.method.rawValue) \(request.path)")
        }
    }

    private static func faultJSON(_ rule: FaultRule) -> JSONValue {
        var members: [(String, JSONValue)] = [("operation", .string(rule.operation?.rawValue ?? "*"))]
        if let value = rule.latencyMs { members.append(("latencyMs", .number(value))) }
        if let value = rule.status { members.append(("status", .number(value))) }
        if let value = rule.policyName { members.append(("policyName", .string(value))) }
        if let value = rule.reset { members.append(("reset", .bool(value))) }
        if let value = rule.count { members.append(("count", .number(value))) }
        if let value = rule.fraction { members.append(("fraction", .double(value))) }
        return .object(members)
    }
}
