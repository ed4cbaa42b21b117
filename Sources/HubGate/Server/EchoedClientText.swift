/// Client text that an error message repeats back (a path segment, a field path, a type name).
///
/// Cut short, and every character that could reshape a log line or a terminal replaced with `?`:
/// control characters, format characters (bidirectional overrides, zero-width joiners), line and
/// paragraph separators, private-use and unassigned code points. Letters of every script stay: a
/// label named `Entscheidungsträger` is named as it is.
enum EchoedClientText {
    /// At most this many characters are repeated.
    static let maxCharacters = 64

    /// `text` as an error message may repeat it.
    static func bounded(_ text: some StringProtocol) -> String {
        String(text.prefix(maxCharacters).map { isSafe($0) ? $0 : "?" })
    }

    private static func isSafe(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: false
            default: true
            }
        }
    }
}
