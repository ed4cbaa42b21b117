import HubSpotModel
import Testing

@testable import HubGate

/// Client text repeated in error messages: every script kept, nothing that reshapes a log line.
struct EchoedClientTextTests {
    /// Letters of any script, accents and combining marks are repeated as sent.
    @Test(arguments: ["Entscheidungsträger", "Décideur principal", "決定者", "Лицо, принимающее решения", "e\u{301}quipe", "deal_to_company"])
    func keepsTheTextOfEveryScript(_ name: String) {
        #expect(EchoedClientText.bounded(name) == name)
    }

    /// Control and format characters, separators, private-use and unassigned code points become `?`.
    @Test(arguments: [
        ("a\nb", "a?b"), ("a\r\nb", "a?b"), ("a\u{0}b", "a?b"), ("a\u{7f}b", "a?b"), ("a\u{85}b", "a?b"),
        ("a\u{2028}b", "a?b"), ("a\u{2029}b", "a?b"), ("a\u{202E}b", "a?b"), ("a\u{200B}b", "a?b"),
        ("a\u{E000}b", "a?b"), ("a\u{10FFFD}b", "a?b"), ("a\u{1B}[31mb", "a?[31mb"),
    ])
    func replacesWhatCouldReshapeALogLine(_ text: String, _ expected: String) {
        #expect(EchoedClientText.bounded(text) == expected)
    }

    /// At most 64 characters (not bytes: a multi-byte letter is not cut in half).
    @Test func isCutShortByCharacters() {
        #expect(EchoedClientText.bounded(String(repeating: "ä", count: 100)) == String(repeating: "ä", count: 64))
        #expect(EchoedClientText.bounded(Substring(String(repeating: "x", count: 65))).count == 64)
    }

    /// The v3 error for an unknown type name repeats a non-ASCII name as the client sent it.
    @Test func unknownTypeErrorNamesTheTypeAsSent() throws {
        let from = try #require(ObjectType(pathSegment: "contacts"))
        let to = try #require(ObjectType(pathSegment: "companies"))
        let error = TranslationError.unknownAssociationType("Entscheidungsträger\u{202E}", from: from, to: to)
        #expect(error.message.contains("Entscheidungsträger?"))
    }
}
