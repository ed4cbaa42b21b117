import Foundation
import Logging
import Synchronization
import Testing

@testable import HubGate

/// JSON log lines: one valid object per line, metadata at the top level, numbers as numbers.
struct JSONLogHandlerTests {
    @Test func lineIsOneJSONObject() throws {
        let line = JSONLogHandler.line(
            timestamp: "2026-11-23T12:00:00.123Z",
            level: .info,
            label: "hubgate",
            message: "say \"hi\"\nthen go",
            metadata: [
                "request.id": "abc",
                "http.status": .stringConvertible(200),
                "duration_ms": .stringConvertible(0.412),
                "tags": ["a", "b"],
                "nested": ["k": "v"],
                "message": "must not replace the message",
            ]
        )
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["timestamp"] as? String == "2026-11-23T12:00:00.123Z")
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "hubgate")
        #expect(object["message"] as? String == "say \"hi\"\nthen go")
        #expect(object["request.id"] as? String == "abc")
        #expect(object["http.status"] as? Int == 200)
        #expect(object["duration_ms"] as? Double == 0.412)
        #expect(object["tags"] as? [String] == ["a", "b"])
        #expect((object["nested"] as? [String: String]) == ["k": "v"])
    }

    @Test func timestampIsUTCToTheMillisecond() {
        let timestamp = JSONLogHandler.timestamp()
        #expect(timestamp.count == 24)
        #expect(timestamp.hasSuffix("Z"))
        #expect(ISO8601DateFormatter.withFractionalSeconds.date(from: timestamp) != nil)
    }

    @Test func loggerMetadataAndLevelApply() throws {
        let lines = LineBox()
        var logger = Logger(label: "test") { label in JSONLogHandler(label: label) { lines.append($0) } }
        logger[metadataKey: "service"] = "hubgate"
        logger.debug("dropped at info")
        logger.info("kept", metadata: ["request.id": "r1"])
        #expect(lines.all.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines.all[0].utf8)) as? [String: Any])
        #expect(object["service"] as? String == "hubgate")
        #expect(object["request.id"] as? String == "r1")
    }
}

extension ISO8601DateFormatter {
    fileprivate static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}

/// Lines a handler wrote.
private final class LineBox: Sendable {
    private let storage = Mutex<[String]>([])
    var all: [String] { storage.withLock { $0 } }
    func append(_ bytes: [UInt8]) { storage.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
}
