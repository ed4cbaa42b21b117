/// Reads JSON tokens from bytes, for the few documents on the v3 hot path where Foundation's
/// `JSONDecoder` was the largest cost of a translated read (JSONWriter's counterpart).
///
/// Strict and unforgiving on purpose: every method returns nil (or false) on anything it does not
/// expect, and its callers then fall back to `JSONDecoder`, which gives the real answer or the real
/// error. So the scanner never has to be right about odd input, only about refusing it.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// How deep `skipValue()` may nest before it gives up.
    private static let maxDepth = 64

    /// Runs `body` over `bytes` as one contiguous buffer, copying only when they are not stored so.
    static func withBuffer<T>(of bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        if let result = bytes.withContiguousStorageIfAvailable({ body($0) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { body($0) }
    }

    /// Scans `bytes`, which must stay valid while the scanner is used.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether only whitespace is left.
    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }

    /// Consumes `byte` (after whitespace) if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Consumes `null` if it comes next.
    mutating func consumeNull() -> Bool {
        skipWhitespace()
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
            bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// Walks the members of an object whose `{` was consumed: calls `member` with each key (the
    /// scanner placed on its value, which `member` must consume); false on malformed input or when
    /// `member` returns false.
    mutating func members(_ member: (inout JSONScanner, String) -> Bool) -> Bool {
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")), member(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// Walks the elements of an array whose `[` was consumed, each consumed by `element`.
    mutating func elements(_ element: (inout JSONScanner) -> Bool) -> Bool {
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]"))
    }

    /// A string value, unescaped; nil if the next value is not a valid string.
    mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// An integer literal (`-?digits`, no fraction or exponent) that fits in `Int`.
    mutating func integer() -> Int? {
        guard let literal = integerLiteral() else { return nil }
        return Int(literal)
    }

    /// A record id as `decodeRecordID` reads it: a string as is, or an integer literal within
    /// Int64 or UInt64, written as a string.
    mutating func recordID() -> String? {
        skipWhitespace()
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") { return string() }
        guard let literal = integerLiteral() else { return nil }
        if let value = Int64(literal) { return String(value) }
        if let value = UInt64(literal) { return String(value) }
        return nil
    }

    /// An object reference `{id}` (the only member read; others skipped), the id as ``recordID()``
    /// reads it; nil when it is not one or repeats `id`.
    mutating func objectReferenceID() -> String? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var id: String?
        let read = members { scanner, key in
            guard key == "id" else { return scanner.skipValue() }
            guard id == nil else { return false }
            id = scanner.recordID()
            return id != nil
        }
        return read ? id : nil
    }

    /// A value that may be `null`: `.some(nil)` for `null`, `.some(value)` for what `read` reads,
    /// nil when neither reads.
    mutating func nullable<Value>(_ read: (inout JSONScanner) -> Value?) -> Value?? {
        if consumeNull() { return .some(nil) }
        guard let value = read(&self) else { return nil }
        return .some(value)
    }

    /// Skips any well-formed value (a member this reader does not need).
    mutating func skipValue() -> Bool {
        skipValue(depth: 0)
    }

    // MARK: - Internals

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)` not followed by a fraction or exponent, as text.
    private mutating func integerLiteral() -> Substring? {
        skipWhitespace()
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        let digits = index - digitsStart
        guard digits > 0, digits <= 20, !(digits > 1 && bytes[digitsStart] == UInt8(ascii: "0")) else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
        return Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// The rest of a string that has escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) -> String? {
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    UTF8.encode(scalar) { utf8.append($0) }
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    /// The scalar of `XXXX` after `\u` (a surrogate pair takes the following `\uXXXX` too).
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
            index += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }
        return Unicode.Scalar(high)
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < Self.maxDepth else { return false }
        skipWhitespace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return string() != nil
        case UInt8(ascii: "{"):
            index += 1
            return members { scanner, _ in scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            index += 1
            return elements { $0.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"):
            return literal("true")
        case UInt8(ascii: "f"):
            return literal("false")
        case UInt8(ascii: "n"):
            return consumeNull()
        default:
            return number()
        }
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Any JSON number (for skipping), by RFC 8259's grammar.
    private mutating func number() -> Bool {
        if peek(UInt8(ascii: "-")) { index += 1 }
        if peek(UInt8(ascii: "0")) {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard digits() > 0 else { return false }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard digits() > 0 else { return false }
        }
        return true
    }

    private func peek(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    /// Consumes decimal digits; how many.
    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }
}
