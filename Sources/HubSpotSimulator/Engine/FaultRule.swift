/// One scripted fault: what goes wrong, for which operation, and how often.
///
/// Without `count` or `fraction` a rule applies to every matching call until faults are cleared.
package struct FaultRule: Sendable, Equatable, Codable {
    /// The operation it applies to, or nil for every operation (`"*"` in JSON).
    package var operation: SimulatorOperation?
    /// Added latency before the answer, in milliseconds.
    package var latencyMs: Int?
    /// A status to answer instead of handling the request (HubSpot-shaped body).
    package var status: Int?
    /// For a 429: the `policyName` to report (default `TEN_SECONDLY_ROLLING`).
    package var policyName: String?
    /// Break the connection instead of answering.
    package var reset: Bool?
    /// Apply to the next `count` matching calls only.
    package var count: Int?
    /// Apply to this seeded fraction of matching calls (0...1).
    package var fraction: Double?

    /// Creates a rule.
    package init(
        operation: SimulatorOperation?,
        latencyMs: Int? = nil,
        status: Int? = nil,
        policyName: String? = nil,
        reset: Bool? = nil,
        count: Int? = nil,
        fraction: Double? = nil
    ) {
        self.operation = operation
        self.latencyMs = latencyMs
        self.status = status
        self.policyName = policyName
        self.reset = reset
        self.count = count
        self.fraction = fraction
    }

    private enum CodingKeys: String, CodingKey {
        case operation, latencyMs, status, policyName, reset, count, fraction
    }

    /// Decodes the control API's JSON, where `"*"` (or no operation) means every operation.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decodeIfPresent(String.self, forKey: .operation) ?? "*"
        if name == "*" {
            operation = nil
        } else if let operation = SimulatorOperation(rawValue: name) {
            self.operation = operation
        } else {
            throw DecodingError.dataCorruptedError(forKey: .operation, in: container, debugDescription: "unknown operation \(name)")
        }
        latencyMs = try container.decodeIfPresent(Int.self, forKey: .latencyMs)
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        policyName = try container.decodeIfPresent(String.self, forKey: .policyName)
        reset = try container.decodeIfPresent(Bool.self, forKey: .reset)
        count = try container.decodeIfPresent(Int.self, forKey: .count)
        fraction = try container.decodeIfPresent(Double.self, forKey: .fraction)
    }

    /// Encodes as the control API shows it.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(operation?.rawValue ?? "*", forKey: .operation)
        try container.encodeIfPresent(latencyMs, forKey: .latencyMs)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(policyName, forKey: .policyName)
        try container.encodeIfPresent(reset, forKey: .reset)
        try container.encodeIfPresent(count, forKey: .count)
        try container.encodeIfPresent(fraction, forKey: .fraction)
    }

    /// Whether the rule replaces the answer (status or reset) rather than only delaying it.
    var replacesAnswer: Bool { status != nil || reset == true }
}
