/// A request answered without leaving the event loop (a fresh memory-tier hit, or a client-share
/// refusal), with what accounting needs.
struct EventLoopAnswer: Sendable {
    /// The answer: the cached body, the client's rate-limit refusal, or an unparsable request's error.
    var response: ReadyResponse
    /// The authenticated client's name; nil for bytes that were no request.
    var client: String?
    /// The operation it called; nil for a refused call to a path that names none.
    var operation: GatewayOperation?
    /// The raw `Cache-Status`; nil when the client limit refused it before the cache answered.
    var cacheStatus: String?
}
