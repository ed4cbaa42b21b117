/// One client's limit: `quota` calls per `window` on average, up to `burst` at once.
package struct ClientRateLimit: Sendable, Hashable {
    /// Calls allowed per window on average (the IETF policy's `q`).
    package var quota: Int
    /// The window `quota` refers to (the IETF policy's `w`, in whole seconds there).
    package var window: Duration
    /// The bucket's size: calls a client that has been quiet may make at once.
    package var burst: Int

    /// Creates a limit; `burst` defaults to `quota`.
    package init(quota: Int = 100, window: Duration = .seconds(10), burst: Int? = nil) {
        precondition(quota > 0 && window > .zero && (burst ?? quota) > 0)
        self.quota = quota
        self.window = window
        self.burst = burst ?? quota
    }

    /// The time one token takes to come back.
    package var refillInterval: Duration { window / quota }
}

/// A client's bucket as the IETF `RateLimit` field reports it.
package struct ClientRateLimitStatus: Sendable, Equatable {
    /// Whole calls left now (`r`).
    package var remaining: Int
    /// Time until the bucket is full again (`t`), zero when it is full.
    package var resetAfter: Duration
}

/// A token bucket for one client, kept as the instant it will be full again (the "theoretical
/// arrival time" of GCRA), so refill needs no timer and no floating-point token count: tokens
/// are whole multiples of the refill interval, and `Duration` keeps the arithmetic exact.
package struct ClientTokenBucket<C: Clock>: Sendable where C.Duration == Duration {
    /// The answer to one call.
    package enum Decision: Sendable, Equatable {
        /// Let it through; `remaining` whole calls are left.
        case allowed(remaining: Int)
        /// Turn it away (429); a token is back after `retryAfter`.
        case denied(retryAfter: Duration)
    }

    /// The limit.
    package private(set) var limit: ClientRateLimit
    /// When the bucket is full again; nil or past means full.
    private var fullAt: C.Instant?

    /// Creates a full bucket.
    package init(limit: ClientRateLimit) {
        self.limit = limit
    }

    /// Takes one token at `now` if there is one; a denial takes nothing.
    package mutating func take(at now: C.Instant) -> Decision {
        let interval = limit.refillInterval
        let capacity = interval * limit.burst
        let debt = debt(at: now) + interval
        guard debt <= capacity else {
            return .denied(retryAfter: debt - capacity)
        }
        fullAt = now.advanced(by: debt)
        return .allowed(remaining: Self.wholeTokens(capacity - debt, interval))
    }

    /// The bucket at `now`, for the `RateLimit` field.
    package func status(at now: C.Instant) -> ClientRateLimitStatus {
        let debt = debt(at: now)
        return ClientRateLimitStatus(remaining: Self.wholeTokens(limit.refillInterval * limit.burst - debt, limit.refillInterval), resetAfter: debt)
    }

    /// The same bucket under `newLimit` at `now`: the tokens it holds are kept, fractions included,
    /// and clamped to the new burst, so a reload neither refills a client that spent its share nor
    /// takes away what it had saved up.
    package func reconfigured(to newLimit: ClientRateLimit, at now: C.Instant) -> Self {
        guard newLimit != limit else { return self }
        // Tokens are time in this representation: `available / interval` tokens now; the same count
        // under the new interval is `available * newInterval / interval`, in exact integer nanoseconds.
        let available = limit.refillInterval * limit.burst - debt(at: now)
        let newInterval = newLimit.refillInterval
        let newCapacity = newInterval * newLimit.burst
        let scaled = Int128(available.wholeNanoseconds) * Int128(newInterval.wholeNanoseconds) / Int128(Swift.max(1, limit.refillInterval.wholeNanoseconds))
        let kept = Swift.min(newCapacity, .nanoseconds(Int64(clamping: scaled)))
        var bucket = Self(limit: newLimit)
        let newDebt = newCapacity - kept
        bucket.fullAt = newDebt > .zero ? now.advanced(by: newDebt) : nil
        return bucket
    }

    /// How long until the bucket is full: the tokens missing, as time.
    private func debt(at now: C.Instant) -> Duration {
        guard let fullAt, fullAt > now else { return .zero }
        return now.duration(to: fullAt)
    }

    /// Whole intervals in `time`, in integer nanoseconds: `Duration / Duration` is a `Double`,
    /// whose rounding could report 2 tokens for 2.999… and break the exact count.
    private static func wholeTokens(_ time: Duration, _ interval: Duration) -> Int {
        guard time > .zero else { return 0 }
        return Int(time.wholeNanoseconds / Swift.max(1, interval.wholeNanoseconds))
    }
}
