import Foundation

/// The numbers of HubSpot's daily limit as HubGate spends it.
package struct DailyBudgetConfiguration: Sendable, Equatable {
    /// Calls per day for the whole account (625,000 for Professional; every app shares it).
    package var limit: Int
    /// Calls per day left for other integrations.
    package var headroom: Int
    /// The account's time zone: the count resets at midnight there.
    package var timeZone: TimeZone

    /// Creates a configuration; the defaults are a Professional account's, counted in UTC.
    package init(limit: Int = 625_000, headroom: Int = 0, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        precondition(limit > 0 && headroom >= 0)
        self.limit = limit
        self.headroom = headroom
        self.timeZone = timeZone
    }
}

/// The daily count as it is persisted between runs: enough to go on counting after a restart on
/// the same day, and to recognise a count from another day (or another time zone) as stale.
package struct DailyBudgetSnapshot: Codable, Sendable, Equatable {
    /// Midnight (in `timeZoneIdentifier`) starting the day the counts belong to.
    package var dayStart: Date
    /// The time zone the day was computed in.
    package var timeZoneIdentifier: String
    /// HubGate's own calls that day.
    package var sent: Int
    /// Calls by other integrations that day, as last learnt from HubSpot.
    package var others: Int
    /// Whether HubSpot answered a `DAILY` 429 that day.
    package var isExhausted: Bool
    /// `X-HubSpot-RateLimit-Daily` as last seen that day, if lower than configured; absent from
    /// snapshots written before it was kept. Without it, a day HubSpot's headers had shown spent
    /// looked open again after a restart, and the first call learnt otherwise from a `DAILY` 429.
    package var learnedLimit: Int?

    /// Creates a snapshot.
    package init(dayStart: Date, timeZoneIdentifier: String, sent: Int, others: Int, isExhausted: Bool, learnedLimit: Int? = nil) {
        self.dayStart = dayStart
        self.timeZoneIdentifier = timeZoneIdentifier
        self.sent = sent
        self.others = others
        self.isExhausted = isExhausted
        self.learnedLimit = learnedLimit
    }
}

/// HubSpot's daily limit: a count of calls per calendar day in the account's time zone.
///
/// Days follow the calendar, not 24-hour blocks, so a day across a DST change is 23 or 25 hours
/// long. Time is wall-clock `Date` passed into every event, because the reset is a wall-clock
/// event; the caller's monotonic clock cannot know where midnight is.
package struct DailyBudget: Sendable {
    /// The answer to a request for one send.
    package enum Reservation: Sendable, Equatable {
        /// Send now; the call is counted.
        case granted
        /// Nothing is counted; the day's budget is spent until this instant (the next midnight).
        case notBefore(Date)
    }

    /// The configured numbers.
    package private(set) var configuration: DailyBudgetConfiguration
    private var calendar: Calendar
    /// Midnight starting the day being counted; nil until the first event.
    package private(set) var dayStart: Date?
    /// The midnight ending it, kept so most events need no calendar arithmetic.
    private var resetAt: Date?
    /// HubGate's own calls today.
    package private(set) var sent = 0
    /// Other integrations' calls today, as last learnt from HubSpot.
    package private(set) var others = 0
    /// `X-HubSpot-RateLimit-Daily` as last seen.
    package private(set) var learnedLimit: Int?
    /// Whether HubSpot answered a `DAILY` 429 today: nothing more until midnight.
    package private(set) var isExhausted = false

    /// Creates a budget with nothing counted.
    package init(configuration: DailyBudgetConfiguration = .init()) {
        self.configuration = configuration
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        self.calendar = calendar
    }

    /// The limit on everyone's calls: the configured one, lowered if HubSpot reports a lower one.
    package var accountLimit: Int {
        Swift.min(configuration.limit, learnedLimit ?? configuration.limit)
    }

    /// The limit on HubGate's own calls (never below one, as for the rolling window).
    package var effectiveLimit: Int {
        Swift.max(1, accountLimit - configuration.headroom)
    }

    /// Midnight at the start of the day containing `date`.
    package func startOfDay(containing date: Date) -> Date {
        calendar.startOfDay(for: date)
    }

    /// The next midnight after `date`: when the count resets.
    package func nextReset(after date: Date) -> Date {
        let start = calendar.startOfDay(for: date)
        // Adding a calendar day keeps wall-clock midnight across DST; startOfDay copes with zones
        // whose midnight is skipped on the day clocks go forward.
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
        return calendar.startOfDay(for: tomorrow)
    }

    /// Calls HubGate may still make today.
    package func remaining(at now: Date) -> Int {
        var current = self
        current.rollOver(to: now)
        if current.isExhausted { return 0 }
        return Swift.max(0, Swift.min(current.effectiveLimit - current.sent, current.accountLimit - current.sent - current.others))
    }

    /// The earliest instant at or after `now` when a call could be counted.
    package func earliestGrant(at now: Date) -> Date {
        remaining(at: now) > 0 ? now : reset(after: now)
    }

    /// Asks for one send at `now`; a grant is counted at once.
    package mutating func reserve(at now: Date) -> Reservation {
        rollOver(to: now)
        guard remaining(at: now) > 0 else { return .notBefore(reset(after: now)) }
        sent += 1
        return .granted
    }

    /// Learns from `X-HubSpot-RateLimit-Daily` and `-Daily-Remaining`: HubSpot's count beyond ours
    /// was spent by other integrations. A day's count only grows, so a lower figure never lowers
    /// the estimate: it comes from an answer that overtook calls of ours HubSpot had not counted yet
    /// (all of ours sent so far are subtracted), and believing it would spend the last calls of the
    /// day twice.
    package mutating func observe(_ headers: HubSpotRateLimitHeaders, at now: Date) {
        rollOver(to: now)
        if let daily = headers.daily, daily > 0 {
            learnedLimit = daily
        }
        guard let dailyRemaining = headers.dailyRemaining else { return }
        let usedAtHubSpot = Swift.max(0, (headers.daily ?? accountLimit) - dailyRemaining)
        others = Swift.max(others, usedAtHubSpot - sent)
    }

    /// Learns from a `DAILY` 429: nothing more is sent until midnight, whatever the count says.
    package mutating func observeDaily429(at now: Date) {
        rollOver(to: now)
        isExhausted = true
    }

    /// An operator's word that today is not spent after all (HubSpot raised the account's limit, or
    /// a `DAILY` 429 was wrong): the stop is lifted, and what HubSpot taught about the day (its
    /// limit, others' calls) is forgotten until the next answer teaches it again. HubGate's own
    /// count stays. Returns whether calls had been stopped. If the day really is spent, the next
    /// call's 429 stops them again, at the cost of that one call.
    @discardableResult
    package mutating func resume(at now: Date) -> Bool {
        rollOver(to: now)
        let wasStopped = remaining(at: now) == 0
        isExhausted = false
        learnedLimit = nil
        others = 0
        return wasStopped
    }

    /// Adopts new numbers at `now` (a configuration reload), keeping today's counts. A changed time
    /// zone carries today's count into the day containing `now` in the new zone, until that day's
    /// midnight: possibly more careful than HubSpot for the rest of the day, never less.
    package mutating func reconfigure(_ configuration: DailyBudgetConfiguration, at now: Date) {
        rollOver(to: now)
        let zoneChanged = configuration.timeZone != self.configuration.timeZone
        self.configuration = configuration
        guard zoneChanged else { return }
        calendar.timeZone = configuration.timeZone
        guard dayStart != nil else { return }
        let start = calendar.startOfDay(for: now)
        dayStart = start
        resetAt = nextReset(after: start)
    }

    /// The state to persist. Call it after events; the shell decides how often to write it.
    package var snapshot: DailyBudgetSnapshot? {
        dayStart.map {
            DailyBudgetSnapshot(
                dayStart: $0,
                timeZoneIdentifier: configuration.timeZone.identifier,
                sent: sent,
                others: others,
                isExhausted: isExhausted,
                learnedLimit: learnedLimit
            )
        }
    }

    /// Restores a persisted count if it belongs to the day containing `now` in this time zone, and
    /// ignores it otherwise (a new day, or a changed time zone, starts from zero). Counts already
    /// made in this run are kept if larger: restoring never makes the budget less careful.
    package mutating func restore(from snapshot: DailyBudgetSnapshot, at now: Date) {
        rollOver(to: now)
        // Zones compare as values: Foundation may spell the same zone differently ("UTC", "GMT").
        guard TimeZone(identifier: snapshot.timeZoneIdentifier) == configuration.timeZone, snapshot.dayStart == dayStart else { return }
        sent = Swift.max(sent, snapshot.sent)
        others = Swift.max(others, snapshot.others)
        isExhausted = isExhausted || snapshot.isExhausted
        if let restored = snapshot.learnedLimit {
            learnedLimit = Swift.min(learnedLimit ?? restored, restored)
        }
    }

    /// The next midnight after `now`, from the cache when `now` is in the day being counted.
    private func reset(after now: Date) -> Date {
        if let dayStart, let resetAt, now >= dayStart, now < resetAt { return resetAt }
        return nextReset(after: now)
    }

    /// Starts a new day's count when `now` has passed midnight. A clock that went back across
    /// midnight keeps the later day's count: the careful choice.
    private mutating func rollOver(to now: Date) {
        if let resetAt, now < resetAt { return }
        let start = calendar.startOfDay(for: now)
        if let dayStart, start <= dayStart { return }
        dayStart = start
        resetAt = nextReset(after: start)
        sent = 0
        others = 0
        isExhausted = false
    }
}
