/// When a cached answer may be served: fresh for `freshFor`, then served stale while one background
/// refresh runs for `staleWhileRevalidate`, and served stale on upstream failure up to
/// `staleIfError` old.
///
/// Pure: times are milliseconds since the Unix epoch passed in by the caller, so tests use plain numbers.
package struct CachePolicy: Sendable, Equatable {
    /// How long an answer is fresh.
    package var freshFor: Duration
    /// How long after that a stale answer is served at once while a refresh runs in the background.
    package var staleWhileRevalidate: Duration
    /// The oldest answer served when HubSpot fails (5xx, 429, timeout, budget exhausted).
    package var staleIfError: Duration

    /// Creates a policy.
    package init(freshFor: Duration = .seconds(300), staleWhileRevalidate: Duration = .seconds(3600), staleIfError: Duration = .seconds(86_400)) {
        self.freshFor = freshFor
        self.staleWhileRevalidate = staleWhileRevalidate
        self.staleIfError = staleIfError
    }

    /// What to do with an entry stored at `storedAt` when a read arrives at `now`.
    package func decision(storedAt: Int64, now: Int64) -> CacheDecision {
        let age = max(0, now - storedAt)
        let fresh = Self.milliseconds(freshFor)
        if age < fresh {
            return .fresh(remainingMilliseconds: fresh - age)
        }
        if age < fresh + Self.milliseconds(staleWhileRevalidate) {
            return .staleWhileRevalidate(staleMilliseconds: age - fresh)
        }
        return .mustRevalidate(staleMilliseconds: age - fresh, servableOnError: age <= Self.milliseconds(staleIfError))
    }

    /// Whether an entry of this age may still stand in for a failed upstream call.
    package func isServableOnError(storedAt: Int64, now: Int64) -> Bool {
        max(0, now - storedAt) <= Self.milliseconds(staleIfError)
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// The policy's verdict on one cached entry.
package enum CacheDecision: Sendable, Equatable {
    /// Serve it; nothing else to do.
    case fresh(remainingMilliseconds: Int64)
    /// Serve it now and refresh it once in the background.
    case staleWhileRevalidate(staleMilliseconds: Int64)
    /// Fetch before answering; serve the entry instead only if the fetch fails and it is servable.
    case mustRevalidate(staleMilliseconds: Int64, servableOnError: Bool)
}
