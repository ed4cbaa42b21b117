/// What the cache gives the request path: HubSpot's answer (fresh from upstream or from the cache)
/// and how it was obtained, as an RFC 9211 `Cache-Status` value.
package struct CacheAnswer: Sendable {
    /// Where the answer came from.
    package enum Source: Sendable, Equatable {
        /// From the cache, with its age in seconds.
        case cache(ageSeconds: Int64)
        /// From HubSpot just now.
        case upstream
    }

    /// The answer to relay.
    package var response: UpstreamResponse
    /// Where it came from.
    package var source: Source
    /// The `Cache-Status` field value, e.g. `HubGate; hit; ttl=120`.
    package var cacheStatus: String
}
