import Foundation
import Testing

@testable import HubGate

/// The daily count: midnight resets in the account's time zone (across DST), learning from HubSpot,
/// the DAILY 429, and the snapshot the shell persists.
struct DailyBudgetTests {
    /// A UTC instant written the way the tests think of it.
    func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    func budget(limit: Int = 3, headroom: Int = 0, zone: String = "UTC") -> DailyBudget {
        DailyBudget(configuration: .init(limit: limit, headroom: headroom, timeZone: TimeZone(identifier: zone)!))
    }

    /// Calls are counted up to limit − headroom; then the refusal names the next midnight, where counting restarts.
    @Test func countsUntilMidnight() {
        var daily = budget(limit: 4, headroom: 1)
        for _ in 0..<3 { #expect(daily.reserve(at: utc("2026-11-23T10:00:00Z")) == .granted) }
        #expect(daily.reserve(at: utc("2026-11-23T23:59:59Z")) == .notBefore(utc("2026-11-24T00:00:00Z")))
        #expect(daily.remaining(at: utc("2026-11-23T23:59:59Z")) == 0)
        #expect(daily.remaining(at: utc("2026-11-24T00:00:00Z")) == 3)
        #expect(daily.reserve(at: utc("2026-11-24T00:00:00Z")) == .granted)
        #expect(daily.sent == 1)
    }

    /// The same instants fall into different days in different zones: each resets at its own midnight.
    @Test(arguments: [
        ("UTC", "2026-11-24T00:00:00Z"),
        ("Asia/Tokyo", "2026-11-23T15:00:00Z"),
        ("America/Los_Angeles", "2026-11-24T08:00:00Z"),
        ("Asia/Kolkata", "2026-11-23T18:30:00Z"),
    ])
    func resetsAtLocalMidnight(zone: String, midnight: String) {
        var daily = budget(limit: 1, zone: zone)
        let reset = utc(midnight)
        #expect(daily.reserve(at: reset.addingTimeInterval(-3_600)) == .granted)
        #expect(daily.reserve(at: reset.addingTimeInterval(-1)) == .notBefore(reset))
        #expect(daily.reserve(at: reset) == .granted)
    }

    /// Days across DST changes last 23 and 25 hours, and one whose midnight is skipped starts at 01:00.
    @Test(arguments: [
        // New York springs forward on 8 March 2026: a 23-hour day.
        ("America/New_York", "2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"),
        // ...and falls back on 1 November 2026: a 25-hour day.
        ("America/New_York", "2026-11-01T12:00:00Z", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"),
        // Berlin's autumn change on 25 October 2026.
        ("Europe/Berlin", "2026-10-25T12:00:00Z", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"),
        // Santiago skips 00:00–01:00 on 6 September 2026: that day starts at 01:00 local.
        ("America/Santiago", "2026-09-05T12:00:00Z", "2026-09-05T04:00:00Z", "2026-09-06T04:00:00Z"),
        ("America/Santiago", "2026-09-06T12:00:00Z", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"),
    ])
    func dayBoundariesAcrossDST(zone: String, during: String, start: String, reset: String) {
        var daily = budget(limit: 1, zone: zone)
        #expect(daily.startOfDay(containing: utc(during)) == utc(start))
        #expect(daily.nextReset(after: utc(during)) == utc(reset))
        #expect(daily.reserve(at: utc(start)) == .granted)
        #expect(daily.reserve(at: utc(reset).addingTimeInterval(-1)) == .notBefore(utc(reset)))
        #expect(daily.reserve(at: utc(reset)) == .granted)
    }

    /// HubSpot's count beyond ours is others' spend. A day's count only grows, so a later lower
    /// figure (an answer that overtook calls of ours in flight) lowers neither estimate; a higher
    /// one raises others'.
    @Test func learnsOthersSpend() {
        var daily = budget(limit: 100)
        let now = utc("2026-11-23T10:00:00Z")
        for _ in 0..<10 { #expect(daily.reserve(at: now) == .granted) }
        daily.observe(.init(daily: 100, dailyRemaining: 60), at: now)
        #expect(daily.others == 30)
        #expect(daily.remaining(at: now) == 60)
        daily.observe(.init(daily: 100, dailyRemaining: 95), at: now)
        #expect(daily.others == 30)
        #expect(daily.remaining(at: now) == 60)
        daily.observe(.init(daily: 100, dailyRemaining: 50), at: now)
        #expect(daily.others == 40)
        #expect(daily.remaining(at: now) == 50)
    }

    /// A lower daily limit from HubSpot is adopted; a higher one does not raise the configured limit.
    @Test func learnsLowerLimitOnly() {
        var daily = budget(limit: 100, headroom: 10)
        let now = utc("2026-11-23T10:00:00Z")
        daily.observe(.init(daily: 50), at: now)
        #expect(daily.effectiveLimit == 40)
        daily.observe(.init(daily: 1_000), at: now)
        #expect(daily.effectiveLimit == 90)
    }

    /// A DAILY 429 stops all sends until the next midnight, however much the count says is left.
    @Test func daily429ExhaustsUntilMidnight() {
        var daily = budget(limit: 100, zone: "Asia/Tokyo")
        daily.observeDaily429(at: utc("2026-11-23T10:00:00Z"))
        #expect(daily.reserve(at: utc("2026-11-23T14:59:59Z")) == .notBefore(utc("2026-11-23T15:00:00Z")))
        #expect(daily.reserve(at: utc("2026-11-23T15:00:00Z")) == .granted)
    }

    /// An operator's resume lifts a DAILY 429's stop and forgets what HubSpot taught about the day,
    /// keeps HubGate's own count, and says whether there was a stop to lift; the next DAILY 429
    /// stops sends again.
    @Test func resumeLiftsTheStop() {
        var daily = budget(limit: 100)
        #expect(daily.reserve(at: utc("2026-11-23T10:00:00Z")) == .granted)
        let nothingToLift = daily.resume(at: utc("2026-11-23T10:00:01Z"))
        #expect(!nothingToLift)
        // Another integration spent the day: HubSpot's 429 says so.
        daily.observe(.init(daily: 100, dailyRemaining: 0), at: utc("2026-11-23T10:00:02Z"))
        daily.observeDaily429(at: utc("2026-11-23T10:00:02Z"))
        #expect(daily.remaining(at: utc("2026-11-23T10:00:03Z")) == 0)
        let lifted = daily.resume(at: utc("2026-11-23T10:00:03Z"))
        #expect(lifted)
        #expect(daily.others == 0)
        #expect(daily.remaining(at: utc("2026-11-23T10:00:03Z")) == 99)
        #expect(daily.reserve(at: utc("2026-11-23T10:00:04Z")) == .granted)
        #expect(daily.sent == 2)
        daily.observeDaily429(at: utc("2026-11-23T10:00:05Z"))
        #expect(daily.reserve(at: utc("2026-11-23T10:00:06Z")) == .notBefore(utc("2026-11-24T00:00:00Z")))
    }

    /// A clock that steps back across midnight keeps the later day's count.
    @Test func clockGoingBackKeepsLaterDay() {
        var daily = budget(limit: 2)
        #expect(daily.reserve(at: utc("2026-11-24T00:00:01Z")) == .granted)
        #expect(daily.reserve(at: utc("2026-11-23T23:59:59Z")) == .granted)
        #expect(daily.reserve(at: utc("2026-11-24T00:00:02Z")) == .notBefore(utc("2026-11-25T00:00:00Z")))
    }

    /// The snapshot survives JSON and restores the same day's count, so a restart keeps counting.
    @Test func snapshotRestoresSameDay() throws {
        var daily = budget(limit: 10, zone: "Europe/Berlin")
        let now = utc("2026-11-23T10:00:00Z")
        for _ in 0..<4 { #expect(daily.reserve(at: now) == .granted) }
        daily.observe(.init(daily: 10, dailyRemaining: 4), at: now)
        let stored = try JSONEncoder().encode(try #require(daily.snapshot))
        let snapshot = try JSONDecoder().decode(DailyBudgetSnapshot.self, from: stored)
        #expect(snapshot == .init(dayStart: utc("2026-11-22T23:00:00Z"), timeZoneIdentifier: "Europe/Berlin", sent: 4, others: 2, isExhausted: false, learnedLimit: 10))

        var restarted = budget(limit: 10, zone: "Europe/Berlin")
        restarted.restore(from: snapshot, at: utc("2026-11-23T20:00:00Z"))
        #expect(restarted.remaining(at: utc("2026-11-23T20:00:00Z")) == 4)
    }

    /// The limit HubSpot's headers taught survives a restart: a day they showed spent stays spent,
    /// without a call to find out. A snapshot written before the limit was kept still reads.
    @Test func learnedLimitSurvivesRestart() throws {
        var daily = budget(limit: 100)
        let now = utc("2026-11-23T10:00:00Z")
        for _ in 0..<3 { #expect(daily.reserve(at: now) == .granted) }
        daily.observe(.init(daily: 3, dailyRemaining: 0), at: now)
        #expect(daily.remaining(at: now) == 0)
        var restarted = budget(limit: 100)
        restarted.restore(from: try #require(daily.snapshot), at: now)
        #expect(restarted.remaining(at: now) == 0)

        let old = #"{"dayStart":785584000,"timeZoneIdentifier":"UTC","sent":1,"others":0,"isExhausted":false}"#
        let decoded = try JSONDecoder().decode(DailyBudgetSnapshot.self, from: Data(old.utf8))
        #expect(decoded.learnedLimit == nil)
    }

    /// A snapshot from another day or another time zone is ignored, and restoring never lowers a larger live count.
    @Test func snapshotFromAnotherDayOrZoneIsIgnored() {
        let snapshot = DailyBudgetSnapshot(dayStart: utc("2026-11-23T00:00:00Z"), timeZoneIdentifier: "UTC", sent: 7, others: 1, isExhausted: true)
        var nextDay = budget(limit: 10)
        nextDay.restore(from: snapshot, at: utc("2026-11-24T00:00:00Z"))
        #expect(nextDay.remaining(at: utc("2026-11-24T00:00:00Z")) == 10)

        var otherZone = budget(limit: 10, zone: "Asia/Tokyo")
        otherZone.restore(from: snapshot, at: utc("2026-11-23T10:00:00Z"))
        #expect(otherZone.remaining(at: utc("2026-11-23T10:00:00Z")) == 10)

        var live = budget(limit: 10)
        for _ in 0..<9 { #expect(live.reserve(at: utc("2026-11-23T01:00:00Z")) == .granted) }
        live.restore(from: snapshot, at: utc("2026-11-23T02:00:00Z"))
        #expect(live.sent == 9)
        #expect(live.isExhausted)
    }

    /// New numbers keep today's count; a changed time zone carries it to that zone's next midnight.
    @Test func reconfigureKeepsTodaysCount() {
        var daily = budget(limit: 10)
        for _ in 0..<4 { _ = daily.reserve(at: utc("2026-11-23T10:00:00Z")) }
        daily.reconfigure(.init(limit: 5, headroom: 0, timeZone: TimeZone(identifier: "UTC")!), at: utc("2026-11-23T11:00:00Z"))
        #expect(daily.sent == 4)
        #expect(daily.remaining(at: utc("2026-11-23T11:00:00Z")) == 1)

        daily.reconfigure(.init(limit: 5, headroom: 0, timeZone: TimeZone(identifier: "Asia/Tokyo")!), at: utc("2026-11-23T11:00:00Z"))
        // 11:00 UTC is 20:00 in Tokyo: the count holds until Tokyo's midnight, 15:00 UTC.
        #expect(daily.remaining(at: utc("2026-11-23T14:59:59Z")) == 1)
        #expect(daily.remaining(at: utc("2026-11-23T15:00:00Z")) == 5)
        #expect(daily.snapshot?.timeZoneIdentifier == "Asia/Tokyo")
    }
}
