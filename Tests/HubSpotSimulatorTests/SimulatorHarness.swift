import Foundation
import HTTPTypes
import HubSpotSimulator

/// Drives a `SimulatorEngine` directly with a manual clock: no sockets, no waiting.
struct SimulatorHarness {
    var engine: SimulatorEngine
    let origin = ContinuousClock.now
    var elapsed: Duration = .zero
    /// 2027-01-15T10:00:00Z, far from a UTC midnight unless a test moves it.
    var date = Date(timeIntervalSince1970: 1_831_975_200)

    init(_ dialect: SimulatorDialect = .seed, configure: (inout SimulatorConfiguration) -> Void = { _ in }) {
        var configuration = SimulatorConfiguration()
        configuration.dialect = dialect
        configure(&configuration)
        engine = SimulatorEngine(configuration: configuration)
    }

    /// Moves both clocks forward.
    mutating func advance(_ duration: Duration) {
        elapsed += duration
        date += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Sends one request with the configured token (or `token`, or none when nil).
    mutating func send(_ method: HTTPRequest.Method, _ target: String, _ body: String? = nil, token: String? = "sim-token") -> SimulatorResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        let request = SimulatorRequest(method: method, target: target, headers: headers, body: Array((body ?? "").utf8), authority: "sim.test")
        return engine.handle(request, now: origin + elapsed, date: date)
    }

    /// Current stats at the harness time.
    mutating func stats() -> SimulatorStats {
        engine.stats(now: origin + elapsed, date: date)
    }
}

extension SimulatorResponse {
    /// The body parsed as a JSON object.
    func object() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        guard let object = value as? [String: Any] else { throw JSONShapeError(text: bodyText) }
        return object
    }

    /// A header value by name.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}

/// A body that was not the JSON object a test expected.
struct JSONShapeError: Error {
    let text: String
}

extension Dictionary where Key == String, Value == Any {
    /// A nested array of objects.
    func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
    /// A nested object.
    func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    /// An integer (JSON number).
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    /// A string.
    func string(_ key: String) -> String? { self[key] as? String }
}
