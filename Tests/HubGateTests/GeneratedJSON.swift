/// Seeded random v4 `batch/read` answers as JSON text, in either vocabulary, for property tests of
/// the hand-written reader (SplitMix64: same seed, same documents).
struct GeneratedJSON {
    private var state: UInt64

    /// A generator for `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// One answer.
    mutating func batchReadAnswer() -> String {
        var members = [
            "\"status\":" + quoted(pick(["COMPLETE", "PENDING"])),
            "\"results\":" + array((0..<int(4)).map { _ in result() }),
            "\"startedAt\":" + quoted("2026-11-23T13:00:00.000Z"),
            "\"completedAt\":" + quoted("2026-11-23T13:00:00.00\(int(9))Z"),
        ]
        if chance() { members.append("\"requestedAt\":" + (chance() ? "null" : quoted("r"))) }
        if chance() { members.append("\"numErrors\":" + String(int(3))) }
        if chance() { members.append("\"errors\":null") }
        return object(members)
    }

    private mutating func result() -> String {
        var members = ["\"from\":" + object(["\"id\":" + id()]), "\"to\":" + array((0..<int(4)).map { _ in association() })]
        if chance() {
            let next = chance() ? "null" : object(["\"after\":" + quoted(text()), "\"link\":" + quoted("https://api.hubapi.com/x?after=1")])
            members.append("\"paging\":" + object(["\"next\":" + next]))
        }
        return object(members)
    }

    private mutating func association() -> String {
        object(["\"toObjectId\":" + id(), "\"associationTypes\":" + array((0..<int(4)).map { _ in type() })])
    }

    private mutating func type() -> String {
        let seed = chance()
        let category = pick(["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED", "WORK"])
        var members = [
            (seed ? "\"associationCategory\":" : "\"category\":") + quoted(category),
            (seed ? "\"associationTypeId\":" : "\"typeId\":") + String(int(100_000)),
        ]
        switch int(3) {
        case 0: members.append("\"label\":null")
        case 1: members.append("\"label\":" + quoted(text()))
        default: break
        }
        return object(members)
    }

    /// A record id as a string or a JSON integer.
    private mutating func id() -> String {
        let value = next() % 1_000_000_000_000
        return chance() ? String(value) : quoted(String(value))
    }

    /// Text with characters that need escaping and some that do not.
    private mutating func text() -> String {
        let pieces = ["Billing", " contact", "\"", "\\", "/", "é", "😀", "\n", "\u{01}", "MQ%3D%3D"]
        return (0..<int(5)).map { _ in pick(pieces) }.joined()
    }

    /// `{…}` with the members in random order, random whitespace, and sometimes an unknown member.
    private mutating func object(_ members: [String]) -> String {
        var members = members
        if chance() { members.append("\"unknown\(int(9))\":" + pick(["1", "-2.5e3", "true", "null", "[]", "{\"a\":[{}]}", "\"\\u00e9\""])) }
        for index in members.indices.reversed() { members.swapAt(index, int(index + 1)) }
        return "{" + space() + members.joined(separator: space() + "," + space()) + space() + "}"
    }

    private mutating func array(_ elements: [String]) -> String {
        "[" + space() + elements.joined(separator: "," + space()) + space() + "]"
    }

    private func quoted(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\u{01}": escaped += "\\u0001"
            case "😀": escaped += "\\ud83d\\ude00"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    private mutating func space() -> String { pick(["", "", " ", "\n  ", "\t"]) }
    private mutating func chance() -> Bool { next() & 1 == 0 }
    private mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    private mutating func pick(_ items: [String]) -> String { items[int(items.count)] }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
