import Foundation
import NIOCore

/// HubSpot's two limits as a value: a rolling burst window and a daily count that resets at UTC midnight.
///
/// It also keeps the evidence tests need: the most *accepted* requests ever seen inside one window
/// (`peakWindowCount`), so a test can prove a client never went over the limit.
package struct RollingRateLimiter: Sendable {
    /// Which limit refused a request.
    package enum Refusal: Sendable, Equatable {
        /// The rolling window is full (`TEN_SECONDLY_ROLLING`).
        case burst
        /// Today's limit is used up (`DAILY`).
        case daily
    }

    /// The numbers a response's rate-limit headers report.
    package struct Snapshot: Sendable, Equatable {
        /// `X-HubSpot-RateLimit-Max`.
        package var max: Int
        /// `X-HubSpot-RateLimit-Remaining`.
        package var remaining: Int
        /// `X-HubSpot-RateLimit-Interval-Milliseconds`.
        package var intervalMilliseconds: Int64
        /// `X-HubSpot-RateLimit-Daily`.
        package var daily: Int
        /// `X-HubSpot-RateLimit-Daily-Remaining`.
        package var dailyRemaining: Int
    }

    private struct Entry {
        var instant: ContinuousClock.Instant
        var accepted: Bool
    }

    /// Requests allowed per window.
    package let limit: Int
    /// The window length.
    package let interval: Duration
    /// Requests allowed per UTC day.
    package let dailyLimit: Int
    /// Whether refused requests use up the window and the daily count.
    package let countsRejected: Bool

    private var window = CircularBuffer<Entry>()
    private var countedInWindow = 0
    private var acceptedInWindow = 0
    private var day: Int64 = .min
    /// Requests counted against today's limit.
    package private(set) var dailyCount = 0
    /// The most accepted requests seen in any one window.
    package private(set) var peakWindowCount = 0

    /// Creates a limiter.
    package init(limit: Int, interval: Duration, dailyLimit: Int, countsRejected: Bool) {
        self.limit = limit
        self.interval = interval
        self.dailyLimit = dailyLimit
        self.countsRejected = countsRejected
    }

    /// Admits or refuses one request arriving at `now` (`date` places it in a UTC day).
    package mutating func admit(now: ContinuousClock.Instant, date: Date) -> Refusal? {
        advance(now: now, date: date)
        let refusal: Refusal? =
            if dailyCount >= dailyLimit { .daily } else if countedInWindow >= limit { .burst } else { nil }
        record(now: now, accepted: refusal == nil)
        return refusal
    }

    /// Counts a request refused before admission (401) when refused requests count.
    package mutating func recordRejected(now: ContinuousClock.Instant, date: Date) {
        advance(now: now, date: date)
        record(now: now, accepted: false)
    }

    /// The header values as of `now`.
    package mutating func snapshot(now: ContinuousClock.Instant, date: Date) -> Snapshot {
        advance(now: now, date: date)
        let milliseconds = interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000
        return Snapshot(
            max: limit,
            remaining: Swift.max(0, limit - countedInWindow),
            intervalMilliseconds: milliseconds,
            daily: dailyLimit,
            dailyRemaining: Swift.max(0, dailyLimit - dailyCount)
        )
    }

    /// Requests counted in the current window.
    package var windowCount: Int { countedInWindow }

    private mutating func record(now: ContinuousClock.Instant, accepted: Bool) {
        guard accepted || countsRejected else { return }
        window.append(Entry(instant: now, accepted: accepted))
        countedInWindow += 1
        dailyCount += 1
        if accepted {
            acceptedInWindow += 1
            peakWindowCount = Swift.max(peakWindowCount, acceptedInWindow)
        }
    }

    /// Drops entries older than one interval and rolls the day over at UTC midnight.
    private mutating func advance(now: ContinuousClock.Instant, date: Date) {
        let today = Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
        if today != day {
            day = today
            dailyCount = 0
        }
        while let first = window.first, first.instant + interval <= now {
            window.removeFirst()
            countedInWindow -= 1
            if first.accepted { acceptedInWindow -= 1 }
        }
    }
}
