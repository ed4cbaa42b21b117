import Testing

@testable import HubGate

/// One client's token bucket: burst, refill, exact whole-token counts, and its long-run bound.
struct ClientTokenBucketTests {
    typealias Bucket = ClientTokenBucket<ManualClock>

    /// A full bucket lets a burst through, counting down, then denies with the time until a token is back.
    @Test func burstThenDeny() {
        var bucket = Bucket(limit: .init(quota: 10, window: .seconds(10), burst: 3))
        #expect(bucket.take(at: sec(0)) == .allowed(remaining: 2))
        #expect(bucket.take(at: sec(0)) == .allowed(remaining: 1))
        #expect(bucket.take(at: sec(0)) == .allowed(remaining: 0))
        #expect(bucket.take(at: sec(0)) == .denied(retryAfter: .seconds(1)))
        #expect(bucket.take(at: ms(400)) == .denied(retryAfter: .milliseconds(600)))
    }

    /// Tokens come back at quota per window, and a denial takes none.
    @Test func refillsAtRate() {
        var bucket = Bucket(limit: .init(quota: 10, window: .seconds(10), burst: 3))
        for _ in 0..<3 { _ = bucket.take(at: sec(0)) }
        for _ in 0..<5 { #expect(bucket.take(at: ms(500)) == .denied(retryAfter: .milliseconds(500))) }
        #expect(bucket.take(at: sec(1)) == .allowed(remaining: 0))
        #expect(bucket.take(at: ms(1_500)) == .denied(retryAfter: .milliseconds(500)))
        #expect(bucket.take(at: sec(3)) == .allowed(remaining: 1))
    }

    /// However long a client is quiet, the bucket holds no more than the burst.
    @Test func idleNeverExceedsBurst() {
        var bucket = Bucket(limit: .init(quota: 10, window: .seconds(10), burst: 3))
        _ = bucket.take(at: sec(0))
        #expect(bucket.status(at: sec(1_000)) == .init(remaining: 3, resetAfter: .zero))
        #expect(bucket.take(at: sec(1_000)) == .allowed(remaining: 2))
    }

    /// The status reports whole tokens and the time until the bucket is full, with exact arithmetic for rates like 3 per 10 s.
    @Test func statusIsExact() {
        var bucket = Bucket(limit: .init(quota: 3, window: .seconds(10)))
        for _ in 0..<3 { _ = bucket.take(at: sec(0)) }
        #expect(bucket.status(at: sec(0)).remaining == 0)
        #expect(bucket.status(at: ms(3_333)).remaining == 0)
        #expect(bucket.status(at: ms(3_334)).remaining == 1)
        #expect(bucket.status(at: ms(6_667)).remaining == 2)
        #expect(bucket.status(at: sec(10)) == .init(remaining: 3, resetAfter: .zero))
        #expect(bucket.take(at: sec(10)) == .allowed(remaining: 2))
    }

    /// For random call times, no window lets through more than burst + quota, nor the whole run more than burst plus refill.
    @Test func neverExceedsBurstPlusQuota() {
        let limit = ClientRateLimit(quota: 20, window: .seconds(10), burst: 5)
        for seed in UInt64(1)...20 {
            var random = SplitMix64(seed: seed)
            var bucket = Bucket(limit: limit)
            var now: Int64 = 0
            var allowed: [TestInstant] = []
            for _ in 0..<2_000 {
                now += Int64.random(in: 0...400, using: &random)
                if case .allowed = bucket.take(at: ms(now)) { allowed.append(ms(now)) }
            }
            #expect(largestWindowCount(allowed, window: .seconds(10)) <= limit.burst + limit.quota, "seed \(seed)")
            // Over the whole run: at most the burst plus the refill.
            #expect(allowed.count <= limit.burst + Int(now / 500) + 1, "seed \(seed)")
        }
    }

    /// A new limit keeps the tokens a bucket holds, fractions included, and clamps them to the new burst.
    @Test func reconfiguredKeepsTokens() {
        var bucket = Bucket(limit: .init(quota: 1, window: .seconds(10), burst: 2))
        _ = bucket.take(at: sec(0))
        _ = bucket.take(at: sec(0))
        // Half a token is back at 5 s; under one token per second, half a token is 500 ms.
        bucket = bucket.reconfigured(to: .init(quota: 1, window: .seconds(1), burst: 2), at: sec(5))
        #expect(bucket.take(at: ms(5_400)) == .denied(retryAfter: .milliseconds(100)))
        #expect(bucket.take(at: ms(5_500)) == .allowed(remaining: 0))

        var saved = Bucket(limit: .init(quota: 10, window: .seconds(10), burst: 10))
        _ = saved.take(at: sec(0))
        saved = saved.reconfigured(to: .init(quota: 3, window: .seconds(10), burst: 3), at: sec(0))
        #expect(saved.status(at: sec(0)) == .init(remaining: 3, resetAfter: .zero))
    }
}
