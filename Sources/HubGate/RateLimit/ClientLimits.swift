/// Every client's token bucket, keyed by the configured client name.
///
/// Every call a client makes costs a token, cache hits included: the limit sits in front of
/// routing and the cache (design step 3), it protects the gateway itself as well as HubSpot's
/// budget, and a client sees the same limit whatever the cache holds. HubSpot's budget is guarded
/// separately by ``UpstreamBudget``, which cache hits never touch.
///
/// In shadow mode nothing is limited: a call the bucket would turn away is let through and
/// reported as ``Decision/wouldLimit(retryAfter:)`` for the shell to log and count. The buckets
/// evolve exactly as when limiting, so the report says what limiting would have done.
package struct ClientLimits<C: Clock>: Sendable where C.Duration == Duration {
    /// The answer to one call.
    package enum Decision: Sendable, Equatable {
        /// Let it through.
        case allowed(ClientRateLimitStatus)
        /// Answer 429 with `Retry-After` and the IETF fields.
        case limited(retryAfter: Duration, ClientRateLimitStatus)
        /// Shadow mode: let it through, but log that it would have been limited.
        case wouldLimit(retryAfter: Duration)
    }

    /// The limit of a client with none of its own.
    package private(set) var defaultLimit: ClientRateLimit
    /// Limits configured per client name.
    package private(set) var limits: [String: ClientRateLimit]
    /// Whether to report instead of limiting.
    package private(set) var isShadowMode: Bool
    /// Calls turned away (or, in shadow mode, that would have been).
    package private(set) var limitedCount = 0
    private var buckets: [String: ClientTokenBucket<C>] = [:]

    /// Creates full buckets for every client. Client names come from configuration, so the
    /// dictionary stays as small as the client list.
    package init(defaultLimit: ClientRateLimit = .init(), limits: [String: ClientRateLimit] = [:], isShadowMode: Bool = false) {
        self.defaultLimit = defaultLimit
        self.limits = limits
        self.isShadowMode = isShadowMode
    }

    /// The limit that applies to `client`.
    package func limit(for client: String) -> ClientRateLimit {
        limits[client] ?? defaultLimit
    }

    /// One call by `client` at `now`.
    package mutating func take(client: String, at now: C.Instant) -> Decision {
        var bucket = buckets[client] ?? ClientTokenBucket(limit: limit(for: client))
        let decision = bucket.take(at: now)
        let status = bucket.status(at: now)
        buckets[client] = bucket
        switch decision {
        case .allowed:
            return .allowed(status)
        case .denied(let retryAfter):
            limitedCount += 1
            return isShadowMode ? .wouldLimit(retryAfter: retryAfter) : .limited(retryAfter: retryAfter, status)
        }
    }

    /// One call by `client` at `now`, taken only when it is turned away: then exactly as `take`
    /// would (recorded and counted, `.limited`); a call the bucket would let through leaves it
    /// untouched and gets nil, for `take` to admit later. Always nil in shadow mode, which turns
    /// nothing away. Lets an early, cheap path refuse without admitting anything twice.
    package mutating func refusal(client: String, at now: C.Instant) -> Decision? {
        guard !isShadowMode else { return nil }
        var bucket = buckets[client] ?? ClientTokenBucket(limit: limit(for: client))
        guard case .denied(let retryAfter) = bucket.take(at: now) else { return nil }
        buckets[client] = bucket
        limitedCount += 1
        return .limited(retryAfter: retryAfter, bucket.status(at: now))
    }

    /// Adopts new limits at `now` (a configuration reload). Clients still in `clients` keep what is
    /// left in their buckets, clamped to their new burst; removed clients' buckets are dropped; new
    /// clients start full on their first call. The count of limited calls goes on.
    package mutating func reconfigure(
        defaultLimit: ClientRateLimit,
        limits: [String: ClientRateLimit],
        isShadowMode: Bool,
        clients: Set<String>,
        at now: C.Instant
    ) {
        self.defaultLimit = defaultLimit
        self.limits = limits
        self.isShadowMode = isShadowMode
        var kept: [String: ClientTokenBucket<C>] = [:]
        for (client, bucket) in buckets where clients.contains(client) {
            kept[client] = bucket.reconfigured(to: limit(for: client), at: now)
        }
        buckets = kept
    }

    /// Whether `client` has a bucket (it called since start, and was not removed by a reload).
    package func hasBucket(for client: String) -> Bool {
        buckets[client] != nil
    }

    /// `client`'s bucket at `now`, for the `RateLimit` field on any response.
    package func status(client: String, at now: C.Instant) -> ClientRateLimitStatus {
        (buckets[client] ?? ClientTokenBucket(limit: limit(for: client))).status(at: now)
    }
}
