/// A request answered from the memory tier without leaving the event loop, with what accounting needs.
struct MemoryHit: Sendable {
    /// The answer: the cached body, or the client's rate-limit refusal.
    var response: ReadyResponse
    /// The authenticated client's name.
    var client: String
    /// The operation it called.
    var operation: GatewayOperation
    /// The raw `Cache-Status`; nil when the client limit refused it before the cache answered.
    var cacheStatus: String?
}
