import HTTPTypes

/// The status and header fields of a response, built from the header lines libcurl hands over.
///
/// libcurl passes every line of every response head it sees, one call per line: interim `1xx`
/// heads, the final head and, after the body, any trailers. A status line starts a new head, so
/// only the final one remains; lines after a head's blank line are trailers and are ignored.
struct ResponseHead {
    /// The status of the latest status line, `nil` before the first.
    private(set) var status: HTTPResponse.Status?
    /// The header fields of the latest head.
    private(set) var headerFields = HTTPFields()
    /// The latest head's `Content-Length`, used to size the body buffer.
    private(set) var contentLength: Int?
    /// Whether the latest head's blank line has been seen.
    private(set) var isComplete = false

    /// Creates an empty head.
    init() {}

    /// Takes one header line, with or without its trailing CRLF.
    mutating func consume(line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: line[0..<end])

        if line.starts(with: "HTTP/".utf8) {
            self.startHead(statusLine: line)
        } else if line.isEmpty {
            self.isComplete = true
        } else if !self.isComplete, self.status != nil {
            self.addField(line: line)
        }
    }

    /// `HTTP/1.1 200 OK` or `HTTP/2 200`: a new head begins.
    private mutating func startHead(statusLine line: UnsafeRawBufferPointer) {
        self.headerFields = HTTPFields()
        self.contentLength = nil
        self.isComplete = false
        self.status = nil
        guard let firstSpace = line.firstIndex(of: UInt8(ascii: " ")) else { return }
        var index = firstSpace + 1
        var code = 0
        var digits = 0
        while index < line.count, digits < 3, let digit = Self.digitValue(line[index]) {
            code = code * 10 + digit
            digits += 1
            index += 1
        }
        guard digits == 3 else { return }
        if index < line.count, line[index] == UInt8(ascii: " "), index + 1 < line.count {
            let reason = String(decoding: UnsafeRawBufferPointer(rebasing: line[(index + 1)...]), as: UTF8.self)
            self.status = HTTPResponse.Status(code: code, reasonPhrase: reason)
        } else {
            self.status = HTTPResponse.Status(code: code)
        }
    }

    /// `Name: value`; lines that are not valid fields are dropped rather than failing the response.
    private mutating func addField(line: UnsafeRawBufferPointer) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return }
        let nameBytes = UnsafeRawBufferPointer(rebasing: line[0..<colon])
        guard let name = HTTPField.Name(String(decoding: nameBytes, as: UTF8.self)) else { return }
        var start = colon + 1
        var end = line.count
        while start < end, Self.isWhitespace(line[start]) { start += 1 }
        while end > start, Self.isWhitespace(line[end - 1]) { end -= 1 }
        let value = UnsafeRawBufferPointer(rebasing: line[start..<end])
        if name == .contentLength { self.contentLength = Self.decimal(value) }
        self.headerFields.append(HTTPField(name: name, lenientValue: value))
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func decimal(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard let digit = digitValue(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
