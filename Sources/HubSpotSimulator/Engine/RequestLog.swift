import HTTPTypes
import NIOCore

/// One request as the simulator received it, for tests that check what a client really sent.
package struct RecordedRequest: Sendable, Equatable {
    /// The operation it was classified as.
    package var operation: SimulatorOperation
    /// The HTTP method.
    package var method: String
    /// The path, without the query.
    package var path: String
    /// The raw query string, or nil.
    package var query: String?
    /// Every header as received, including `Authorization` so tests can tell which token arrived.
    package var headers: [RecordedHeader]
    /// The body as UTF-8 text.
    package var body: String
    /// The status the simulator answered (0 for a connection reset).
    package var status: Int

    /// The JSON the control API shows.
    var json: JSONValue {
        .object([
            ("operation", .string(operation.rawValue)),
            ("method", .string(method)),
            ("path", .string(path)),
            ("query", .optional(query)),
            ("headers", .object(headers.map { ($0.name, .string($0.value)) })),
            ("body", .string(body)),
            ("status", .number(status)),
        ])
    }
}

/// One header of a recorded request.
package struct RecordedHeader: Sendable, Equatable {
    /// The header name in lower case.
    package var name: String
    /// Its value.
    package var value: String
}

/// The last N requests, oldest first, in a bounded ring.
package struct RequestLog: Sendable {
    private var entries = CircularBuffer<RecordedRequest>()
    /// How many requests are kept.
    package let capacity: Int

    /// Creates a log keeping at most `capacity` requests.
    package init(capacity: Int) {
        self.capacity = capacity
    }

    /// Records a request, dropping the oldest when full.
    package mutating func append(_ request: RecordedRequest) {
        guard capacity > 0 else { return }
        if entries.count >= capacity { entries.removeFirst() }
        entries.append(request)
    }

    /// The most recent `limit` requests (optionally of one operation), oldest first.
    package func recent(operation: SimulatorOperation? = nil, limit: Int = .max) -> [RecordedRequest] {
        let matching = entries.filter { operation == nil || $0.operation == operation }
        return Array(matching.suffix(limit))
    }

    /// Forgets everything.
    package mutating func removeAll() {
        entries.removeAll()
    }

    /// Builds a record from an engine request.
    static func record(_ request: SimulatorRequest, operation: SimulatorOperation, status: Int) -> RecordedRequest {
        RecordedRequest(
            operation: operation,
            method: request.method.rawValue,
            path: request.path,
            query: request.query,
            headers: request.headers.map { RecordedHeader(name: $0.name.canonicalName, value: $0.value) },
            body: String(decoding: request.body, as: UTF8.self),
            status: status
        )
    }
}
