/// How HubGate writes its log lines (`log.format`).
package enum LogFormat: String, Sendable, Equatable {
    /// swift-log's plain text lines, for people reading a terminal.
    case text
    /// One JSON object per line, for log pipelines (journald, Loki, Elasticsearch).
    case json
}
