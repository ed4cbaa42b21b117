import Configuration

/// Reads typed values and remembers every value that is present but unusable, so that a bad value is
/// reported instead of silently replaced by its default.
struct ConfigChecker {
    /// Where values come from.
    let reader: ConfigReader
    /// Every present-but-unusable value seen so far, one line each.
    private(set) var problems: [String] = []

    /// Creates a checker over `reader`.
    init(reader: ConfigReader) {
        self.reader = reader
    }

    /// An integer within `range`, or the default when the key is absent.
    mutating func int(_ key: String, default defaultValue: Int, range: ClosedRange<Int>) -> Int {
        let configKey = ConfigKey(stringLiteral: key)
        guard let value = reader.int(forKey: configKey) else {
            if let text = reader.string(forKey: configKey) {
                problems.append("\(key): '\(text)' is not an integer")
            }
            return defaultValue
        }
        guard range.contains(value) else {
            problems.append("\(key): \(value) is outside \(range.lowerBound)...\(range.upperBound)")
            return defaultValue
        }
        return value
    }

    /// A boolean, or the default when the key is absent. `1` and `0` count as true and false, as
    /// the environment's reader takes them, so a file and a variable agree; anything else is a
    /// problem rather than the default (`enabled: nope` must not leave a switch on).
    mutating func bool(_ key: String, default defaultValue: Bool) -> Bool {
        let configKey = ConfigKey(stringLiteral: key)
        if let value = reader.bool(forKey: configKey) { return value }
        guard let text = reader.string(forKey: configKey) else { return defaultValue }
        switch text.lowercased() {
        case "1": return true
        case "0": return false
        default:
            problems.append("\(key): '\(text)' is not true or false")
            return defaultValue
        }
    }

    /// A TCP port (0 picks a free port).
    mutating func port(_ key: String, default defaultValue: Int) -> Int {
        int(key, default: defaultValue, range: 0...65535)
    }
}
