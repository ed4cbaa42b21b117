import Testing

@testable import HubGate

/// The byte-level JSON syntax check used before forwarding bodies.
struct JSONSyntaxTests {
    /// Well-formed documents of every kind pass.
    @Test(arguments: [
        #"{"inputs":[{"id":"1"}]}"#, "[]", "{}", " \n\t{ } ", "0", "-0.5e+10", "1E3", #""a\u00e9\n""#, "true", "false", "null",
        #"{"a":[1,2,{"b":null}],"c":"\"x\""}"#, "\"é\"",
    ])
    func acceptsValidJSON(text: String) {
        #expect(JSONSyntax.isValid(Array(text.utf8)))
    }

    /// Malformed documents, trailing garbage and control characters in strings are refused.
    @Test(arguments: [
        "", " ", "{", "}", #"{"a"}"#, #"{"a":}"#, #"{"a":1,}"#, "[1,]", "01", "1.", "-", "+1", ".5", "1e", "tru", "nul",
        #"{"a":1}x"#, #"{'a':1}"#, "\"abc", "\"\\x\"", "\"\\u12\"", "\"a\u{01}b\"", "{} {}", "NaN",
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(!JSONSyntax.isValid(Array(text.utf8)))
    }

    /// Nesting beyond the limit is refused instead of exhausting the stack.
    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(!JSONSyntax.isValid(Array(deep.utf8)))
        let shallow = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(JSONSyntax.isValid(Array(shallow.utf8)))
    }
}
