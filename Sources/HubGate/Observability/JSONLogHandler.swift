#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// A swift-log handler writing one JSON object per line (`log.format: json`), for log pipelines:
/// `{"timestamp":"2026-11-23T12:00:00.123Z","level":"info","logger":"hubgate","message":"…",…}`
/// with the metadata as top-level fields (`"request.id":"…"`).
///
/// Each line is built whole and handed to the sink in one call, so lines from concurrent requests
/// never interleave.
package struct JSONLogHandler: LogHandler {
    /// Minimum level written.
    package var logLevel: Logger.Level = .info
    /// Metadata attached to every line of this logger.
    package var metadata: Logger.Metadata = [:]
    /// Metadata added from the task's context (e.g. tracing), if any.
    package var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: @Sendable ([UInt8]) -> Void

    /// Creates a handler for `label` that passes each finished line (newline included) to `sink`.
    package init(label: String, metadataProvider: Logger.MetadataProvider? = nil, sink: @escaping @Sendable ([UInt8]) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    /// A handler writing to standard error, as the text handler does.
    package static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label) { line in
            // One unbuffered write per line: lines reach the collector at once and whole.
            line.withUnsafeBufferPointer { buffer in
                _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count)
            }
        }
    }

    /// Reads and writes one metadata value.
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error"] = .string(String(describing: error)) }
        sink(Self.line(timestamp: Self.timestamp(), level: event.level, label: label, message: event.message.description, metadata: merged))
    }

    /// One finished line (pure, for tests).
    static func line(timestamp: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.raw("{")
        writer.key("timestamp")
        writer.string(timestamp)
        writer.raw(",")
        writer.key("level")
        writer.string(level.rawValue)
        writer.raw(",")
        writer.key("logger")
        writer.string(label)
        writer.raw(",")
        writer.key("message")
        writer.string(message)
        for key in metadata.keys.sorted() where !["timestamp", "level", "logger", "message"].contains(key) {
            writer.raw(",")
            writer.string(key)
            writer.raw(":")
            append(metadata[key]!, to: &writer)
        }
        writer.raw("}\n")
        return writer.bytes
    }

    private static func append(_ value: Logger.Metadata.Value, to writer: inout JSONWriter) {
        switch value {
        case .string(let string):
            writer.string(string)
        case .stringConvertible(let convertible) where convertible is any BinaryInteger || convertible is Double:
            // Counts and durations stay numbers, so a pipeline can sum and compare them.
            let text = convertible.description
            if text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
                writer.rawText(text)
            } else {
                writer.string(text)
            }
        case .stringConvertible(let convertible):
            writer.string(convertible.description)
        case .array(let values):
            writer.raw("[")
            for (index, element) in values.enumerated() {
                if index > 0 { writer.raw(",") }
                append(element, to: &writer)
            }
            writer.raw("]")
        case .dictionary(let dictionary):
            writer.raw("{")
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { writer.raw(",") }
                writer.string(key)
                writer.raw(":")
                append(dictionary[key]!, to: &writer)
            }
            writer.raw("}")
        }
    }

    /// Now, in UTC, to the millisecond: `2026-11-23T12:00:00.123Z`.
    static func timestamp() -> String {
        let now = Date().timeIntervalSince1970
        var seconds = time_t(now.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = min(999, Int((now - now.rounded(.down)) * 1000))
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}
