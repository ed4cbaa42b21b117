@testable import CurlHTTP
import HTTPTypes
import Testing

/// Header lines from libcurl become the final response's status and fields.
@Suite struct ResponseHeadTests {
    private func head(_ lines: [String]) -> ResponseHead {
        var head = ResponseHead()
        for line in lines {
            var line = line
            line.withUTF8 { head.consume(line: UnsafeRawBufferPointer($0)) }
        }
        return head
    }

    /// An HTTP/1.1 status line gives the code and reason phrase; fields keep order and repeats.
    @Test func http1HeadParses() {
        let head = self.head([
            "HTTP/1.1 201 Created\r\n", "Content-Type: application/json\r\n", "Set-Cookie: a=1\r\n",
            "Set-Cookie: b=2\r\n", "Content-Length: 12\r\n", "\r\n",
        ])
        #expect(head.status == .created)
        #expect(head.status?.reasonPhrase == "Created")
        #expect(head.headerFields[.contentType] == "application/json")
        #expect(head.headerFields[values: .setCookie] == ["a=1", "b=2"])
        #expect(head.contentLength == 12)
        #expect(head.isComplete)
    }

    /// An HTTP/2 status line has no reason phrase.
    @Test func http2StatusLineParses() {
        let head = self.head(["HTTP/2 429\r\n", "retry-after: 1\r\n", "\r\n"])
        #expect(head.status?.code == 429)
        #expect(head.headerFields[.retryAfter] == "1")
    }

    /// An interim 100 Continue head is replaced by the final one.
    @Test func interimHeadIsDropped() {
        let head = self.head([
            "HTTP/1.1 100 Continue\r\n", "X-Interim: yes\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "X-Final: yes\r\n", "\r\n",
        ])
        #expect(head.status == .ok)
        #expect(head.headerFields[.init("x-interim")!] == nil)
        #expect(head.headerFields[.init("x-final")!] == "yes")
    }

    /// Trailers after the blank line do not join the header fields.
    @Test func trailersAreIgnored() {
        let head = self.head(["HTTP/1.1 200 OK\r\n", "A: 1\r\n", "\r\n", "Trailer-Field: x\r\n", "\r\n"])
        #expect(head.headerFields.count == 1)
    }

    /// Optional whitespace around values is trimmed and an empty value is kept.
    @Test func whitespaceIsTrimmed() {
        let head = self.head(["HTTP/1.1 200 OK\r\n", "A:   spaced value \t\r\n", "B:\r\n", "\r\n"])
        #expect(head.headerFields[.init("a")!] == "spaced value")
        #expect(head.headerFields[.init("b")!] == "")
    }

    /// Lines that are not fields are dropped without failing the head.
    @Test func malformedLinesAreDropped() {
        let head = self.head(["HTTP/1.1 200 OK\r\n", "no colon here\r\n", ": no name\r\n", "Bad Name: x\r\n", "Ok: y\r\n", "\r\n"])
        #expect(head.status == .ok)
        #expect(head.headerFields.count == 1)
        #expect(head.headerFields[.init("ok")!] == "y")
    }

    /// A status line without a three-digit code leaves the status unknown.
    @Test func malformedStatusLineLeavesStatusUnknown() {
        let head = self.head(["HTTP/1.1 2x0 Odd\r\n", "A: 1\r\n", "\r\n"])
        #expect(head.status == nil)
        #expect(head.headerFields.isEmpty)
    }
}
