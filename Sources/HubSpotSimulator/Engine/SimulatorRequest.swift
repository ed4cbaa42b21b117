import HTTPTypes

/// One HTTP request as the simulator engine sees it: no sockets, no Hummingbird types.
package struct SimulatorRequest: Sendable {
    /// The HTTP method.
    package var method: HTTPRequest.Method
    /// The path without the query, as received (not percent-decoded).
    package var path: String
    /// The raw query string without `?`, or nil when there is none.
    package var query: String?
    /// Request headers.
    package var headers: HTTPFields
    /// The request body bytes.
    package var body: [UInt8]
    /// The `Host` (HTTP/1.1) or `:authority` (HTTP/2), used to build `paging.next.link`.
    package var authority: String?

    /// Creates a request.
    package init(method: HTTPRequest.Method, path: String, query: String? = nil, headers: HTTPFields = [:], body: [UInt8] = [], authority: String? = nil) {
        self.authority = authority
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Splits `target` (`/path?query`) into path and query.
    package init(method: HTTPRequest.Method, target: String, headers: HTTPFields = [:], body: [UInt8] = [], authority: String? = nil) {
        if let mark = target.firstIndex(of: "?") {
            self.init(method: method, path: String(target[..<mark]), query: String(target[target.index(after: mark)...]), headers: headers, body: body, authority: authority)
        } else {
            self.init(method: method, path: target, query: nil, headers: headers, body: body, authority: authority)
        }
    }

    /// The query parameters, percent-decoded, in order.
    package var queryItems: [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.percentDecoded(parts[0])
            let value = parts.count > 1 ? Self.percentDecoded(parts[1]) : ""
            return (name, value)
        }
    }

    /// The first value of query parameter `name`.
    package func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Decodes `%XX` escapes and `+` (form encoding) in a query component; malformed escapes stay as they are.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") || text.contains("+") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What the engine answers: a complete response, or an instruction to break the connection.
package struct SimulatorResponse: Sendable {
    /// How the transport must deliver this response.
    package enum Disposition: Sendable, Equatable {
        /// Write the response normally.
        case respond
        /// Close the connection without writing a response (a scripted connection-reset fault).
        case resetConnection
    }

    /// The status code.
    package var status: HTTPResponse.Status
    /// Response headers (content type, rate-limit headers, correlation id).
    package var headers: HTTPFields
    /// The body bytes (empty for 204).
    package var body: [UInt8]
    /// Delay the transport adds before answering (a scripted latency fault); `.zero` for none.
    package var latency: Duration
    /// Whether to answer or to break the connection.
    package var disposition: Disposition

    /// Creates a response.
    package init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: [UInt8] = [], latency: Duration = .zero, disposition: Disposition = .respond) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latency = latency
        self.disposition = disposition
    }

    /// The body as UTF-8 text (for tests and logs).
    package var bodyText: String { String(decoding: body, as: UTF8.self) }
}
