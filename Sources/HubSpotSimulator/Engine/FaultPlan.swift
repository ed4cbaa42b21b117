/// The scripted faults, as a value: which rules are active and what each call draws.
///
/// Rules are tried in the order they were added. Latencies of every firing rule add up; the first
/// firing rule with a status or reset decides the answer. Fractions draw from a seeded generator,
/// so the same seed and the same request sequence fault the same calls.
package struct FaultPlan: Sendable {
    /// What the faults decided for one call.
    package struct Outcome: Sendable, Equatable {
        /// Total added latency.
        package var latency: Duration = .zero
        /// A status to answer instead of the real one, with its 429 policy name.
        package var status: Int? = nil
        /// The 429 policy name, if any.
        package var policyName: String? = nil
        /// Break the connection.
        package var reset: Bool = false

        /// Whether any rule fired.
        package var isEmpty: Bool { latency == .zero && status == nil && !reset }
    }

    /// The active rules, with remaining counts.
    package private(set) var rules: [FaultRule] = []
    private var random: SeededRandom

    /// Creates an empty plan.
    package init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// Adds a rule after the existing ones.
    package mutating func add(_ rule: FaultRule) {
        rules.append(rule)
    }

    /// Removes every rule.
    package mutating func clear() {
        rules.removeAll()
    }

    /// Decides the faults for one call of `operation`, consuming counts.
    package mutating func draw(for operation: SimulatorOperation) -> Outcome {
        var outcome = Outcome()
        var index = 0
        while index < rules.count {
            defer { index += 1 }
            let rule = rules[index]
            guard rule.operation == nil || rule.operation == operation else { continue }
            if rule.replacesAnswer, outcome.status != nil || outcome.reset { continue }
            if let fraction = rule.fraction, random.nextUnitInterval() >= fraction { continue }
            if let count = rule.count {
                guard count > 0 else { continue }
                rules[index].count = count - 1
            }
            if let latencyMs = rule.latencyMs { outcome.latency += .milliseconds(latencyMs) }
            if rule.reset == true {
                outcome.reset = true
            } else if let status = rule.status {
                outcome.status = status
                outcome.policyName = rule.policyName
            }
        }
        rules.removeAll { ($0.count ?? 1) <= 0 }
        return outcome
    }
}
