import DequeModule
/// The numbers of HubSpot's burst limit as HubGate spends it.
package struct RollingWindowConfiguration: Sendable, Equatable {
    /// Calls HubSpot allows in any `interval` (190 per 10 s for a Professional private app).
    package var limit: Int
    /// The rolling interval HubSpot counts in (`TEN_SECONDLY_ROLLING`).
    package var interval: Duration
    /// Calls per interval left for other integrations on the same account.
    package var headroom: Int
    /// Extra time a grant is counted beyond `interval`. HubSpot counts a call when it *arrives*, not
    /// when HubGate sends it; if one call is slow and a later one fast, arrivals bunch up. Counting
    /// each grant this much longer absorbs that spread at a small cost in utilisation.
    package var latencyAllowance: Duration
    /// How long the first call may go unanswered before others follow it; nil: no probe.
    ///
    /// A window that starts empty does not know what HubSpot already counts: calls a previous run of
    /// HubGate sent in its last seconds, or another instance's. Sending one call first and the rest
    /// after its answer, whose headers say what HubSpot counts, keeps a restart from sending a burst
    /// into a window that is already full.
    package var startupProbeTimeout: Duration?

    /// Creates a configuration; the defaults are a Professional private app's with no headroom.
    package init(
        limit: Int = 190,
        interval: Duration = .seconds(10),
        headroom: Int = 0,
        latencyAllowance: Duration = .milliseconds(200),
        startupProbeTimeout: Duration? = nil
    ) {
        precondition(limit > 0 && headroom >= 0 && interval > .zero && latencyAllowance >= .zero)
        precondition(startupProbeTimeout.map { $0 >= .zero } ?? true)
        self.limit = limit
        self.interval = interval
        self.headroom = headroom
        self.latencyAllowance = latencyAllowance
        self.startupProbeTimeout = startupProbeTimeout
    }
}

/// HubSpot's burst limit as an exact rolling window: never more than `limit − headroom` grants in
/// any interval, checked against the recorded time of every grant still inside the window (at most
/// `limit` of them) rather than a fixed window, which allows double bursts at its edges, or a token
/// bucket, which only approximates a rolling count.
///
/// It also counts calls *other* integrations made, learnt from HubSpot's headers, and pauses on a
/// 429. With a ``RollingWindowConfiguration/startupProbeTimeout``, the first grant is a probe: no
/// other is granted until HubSpot has answered it (or it timed out), so what HubSpot already counts
/// is learnt before the window is spent. A value with no I/O and no clock of its own: every event
/// takes `now`.
package struct RollingWindowBudget<C: Clock>: Sendable where C.Duration == Duration {
    /// The answer to a request for one send.
    package enum Reservation: Sendable, Equatable {
        /// Send now; the grant is recorded.
        case granted
        /// Nothing is recorded; ask again at this instant (the earliest a grant is possible if
        /// nothing else is learnt meanwhile).
        case notBefore(C.Instant)
    }

    /// The configured numbers.
    package private(set) var configuration: RollingWindowConfiguration
    /// Our grants still counted, oldest first. A deque: expired grants leave from the front on every
    /// call, which an array would pay for by shifting every grant still in the window.
    private var own: Deque<C.Instant> = []
    /// Calls by others inferred from HubSpot's headers, each stamped when learnt (the latest it can
    /// have happened, so it is counted as long as it could possibly count at HubSpot), oldest first.
    private var others: Deque<C.Instant> = []
    /// `X-HubSpot-RateLimit-Max` as last seen for our interval.
    package private(set) var learnedMax: Int?
    /// No grant before this instant, after a 429 or a spent secondly limit.
    package private(set) var pausedUntil: C.Instant?
    /// The latest `now` seen, so an instant read slightly out of order cannot unsort the grants.
    private var latest: C.Instant?
    /// Whether HubSpot has told what it counts since this window started.
    private var calibration: Calibration

    /// Where the start-up probe stands.
    private enum Calibration: Sendable, Equatable {
        /// The next grant is the probe.
        case probeNeeded
        /// The probe was granted at this instant and has not been answered.
        case probing(since: C.Instant)
        /// An answer came, or the probe timed out: grants follow the window alone.
        case calibrated
    }

    /// Creates an empty window.
    package init(configuration: RollingWindowConfiguration = .init()) {
        self.configuration = configuration
        calibration = configuration.startupProbeTimeout == nil ? .calibrated : .probeNeeded
    }

    /// Whether grants still wait for HubSpot's first answer to say what it already counts.
    package var isCalibrating: Bool { calibration != .calibrated }

    /// How long a grant stays counted.
    private var span: Duration { configuration.interval + configuration.latencyAllowance }

    /// The limit on everyone's calls: the configured one, lowered if HubSpot reports a lower `Max`
    /// (an operator who configured less than HubSpot allows is obeyed).
    package var accountLimit: Int {
        Swift.min(configuration.limit, learnedMax ?? configuration.limit)
    }

    /// The limit on HubGate's own calls: the account limit less the headroom, never below one call
    /// per interval so a misconfigured headroom slows HubGate down instead of cutting it off.
    package var effectiveLimit: Int {
        Swift.max(1, accountLimit - configuration.headroom)
    }

    /// Our grants still counted at `now`.
    package func ownCount(at now: C.Instant) -> Int {
        own.count - expiredPrefix(of: own, at: now)
    }

    /// Others' calls still counted at `now`.
    package func othersCount(at now: C.Instant) -> Int {
        others.count - expiredPrefix(of: others, at: now)
    }

    /// Grants possible at `now` before the window is full; none while paused.
    package func remaining(at now: C.Instant) -> Int {
        if let pausedUntil, pausedUntil > clamped(now) { return 0 }
        let byOwn = effectiveLimit - ownCount(at: now)
        let byAccount = accountLimit - ownCount(at: now) - othersCount(at: now)
        return Swift.max(0, Swift.min(byOwn, byAccount))
    }

    /// The earliest instant at or after `now` when a grant is possible, if nothing else is learnt.
    package func earliestGrant(at now: C.Instant) -> C.Instant {
        var earliest = clamped(now)
        if let pausedUntil, pausedUntil > earliest { earliest = pausedUntil }
        if case .probing(let since) = calibration, let timeout = configuration.startupProbeTimeout {
            earliest = Swift.max(earliest, since.advanced(by: timeout))
        }
        // Both counts only fall as time passes, so the later of the two instants satisfies both.
        let ownExcess = ownCount(at: earliest) - effectiveLimit
        if ownExcess >= 0 {
            let first = expiredPrefix(of: own, at: earliest)
            earliest = Swift.max(earliest, own[first + ownExcess].advanced(by: span))
        }
        let totalExcess = ownCount(at: earliest) + othersCount(at: earliest) - accountLimit
        if totalExcess >= 0 {
            earliest = Swift.max(earliest, mergedExpiry(index: totalExcess, at: earliest))
        }
        return earliest
    }

    /// Asks for one send at `now`; a grant is recorded at once.
    package mutating func reserve(at now: C.Instant) -> Reservation {
        let now = clamped(now)
        let earliest = earliestGrant(at: now)
        guard earliest <= now else { return .notBefore(earliest) }
        recordGrant(at: now)
        return .granted
    }

    /// Records a grant at `now` unconditionally; projections use it on a copy to play the future.
    package mutating func recordGrant(at now: C.Instant) {
        let now = clamped(now)
        prune(at: now)
        own.append(now)
        latest = now
        switch calibration {
        case .probeNeeded:
            calibration = .probing(since: now)
        case .probing:
            // Only reachable once the probe has timed out (`earliestGrant`): HubSpot is slow, and
            // holding every call behind one slow answer would cost more than it protects.
            calibration = .calibrated
        case .calibrated:
            break
        }
    }

    /// Plays the future as if the probe had been answered; a projection's grants after its first
    /// assume the answer comes before them, and the real answer ticks the queue when it does.
    package mutating func assumeCalibrated() {
        calibration = .calibrated
    }

    /// A call got no answer (HubSpot never saw it, or its fate is unknown): if it was the probe, the
    /// next grant probes again, as nothing was learnt.
    package mutating func observeNoAnswer() {
        // While probing, the probe is the only call out.
        if case .probing = calibration { calibration = .probeNeeded }
    }

    /// Adopts new numbers (a configuration reload). Everything counted stays counted: our grants and
    /// others' calls (each now counted for the new interval from when it happened), what HubSpot
    /// taught and any pause, so a reload never hands out a window HubSpot still counts as spent.
    package mutating func reconfigure(_ configuration: RollingWindowConfiguration) {
        self.configuration = configuration
    }

    /// Learns from the `X-HubSpot-RateLimit-*` headers of a response to a call sent at `sentAt`.
    ///
    /// HubSpot's count (`Max − Remaining`) includes our own calls and everyone else's. Our calls sent
    /// up to `sentAt` are taken as counted there; whatever HubSpot counts beyond them was spent by
    /// others and is recorded as theirs, stamped `now`. A later response that shows fewer of them
    /// does not lower the estimate: answers to calls in flight together arrive in any order, and one
    /// whose call reached HubSpot before its siblings counts them as sent but not yet counted, so it
    /// understates the others. The estimate falls as its stamps expire, one interval after they
    /// were learnt. Our own grants are never forgotten either: HubSpot can make HubGate more careful
    /// than its own count, never less.
    package mutating func observe(_ headers: HubSpotRateLimitHeaders, sentAt: C.Instant, at now: C.Instant) {
        let now = clamped(now)
        prune(at: now)
        latest = now
        // Any answer ends the probe: one without headers is all HubSpot will say.
        calibration = .calibrated
        if headers.secondlyRemaining == 0 {
            pause(until: now.advanced(by: .seconds(1)))
        }
        // Figures for another interval describe another window, which this type does not model.
        if let milliseconds = headers.intervalMilliseconds, Duration.milliseconds(milliseconds) != configuration.interval {
            return
        }
        if let max = headers.max, max > 0 {
            learnedMax = max
        }
        guard let remaining = headers.remaining else { return }
        let usedAtHubSpot = Swift.max(0, (headers.max ?? accountLimit) - remaining)
        let ownCounted = Self.countNotAfter(sentAt, in: own)
        // Capped at the account limit: more than that blocks no more, and a garbled `Max` must not
        // make the budget record a billion calls.
        let othersNow = Swift.min(Swift.max(0, usedAtHubSpot - ownCounted), accountLimit)
        if othersNow > others.count {
            others.append(contentsOf: repeatElement(now, count: othersNow - others.count))
        }
    }

    /// Learns from a 429 naming `policy`: no grant until the named window has certainly reopened.
    /// A rolling window reopens at the latest one interval after the call HubSpot refused; the daily
    /// limit is not this type's concern (``DailyBudget``).
    package mutating func observe429(policy: RateLimitPolicy, at now: C.Instant) {
        let now = clamped(now)
        latest = now
        calibration = .calibrated
        switch policy {
        case .daily:
            return
        case .secondly:
            pause(until: now.advanced(by: .seconds(1)))
        case .tenSecondlyRolling, .other:
            pause(until: now.advanced(by: configuration.interval))
        }
    }

    private mutating func pause(until instant: C.Instant) {
        if pausedUntil.map({ $0 < instant }) ?? true {
            pausedUntil = instant
        }
    }

    private func clamped(_ now: C.Instant) -> C.Instant {
        guard let latest else { return now }
        return Swift.max(now, latest)
    }

    /// How many of the oldest entries no longer count at `now`.
    private func expiredPrefix(of entries: Deque<C.Instant>, at now: C.Instant) -> Int {
        var count = 0
        while count < entries.count, entries[count].advanced(by: span) <= now { count += 1 }
        return count
    }

    /// The expiry of the `index`-th oldest entry still counted at `now`, own and others' merged.
    private func mergedExpiry(index: Int, at now: C.Instant) -> C.Instant {
        var i = expiredPrefix(of: own, at: now)
        var j = expiredPrefix(of: others, at: now)
        var next = now
        for _ in 0...index {
            if j >= others.count || (i < own.count && own[i] <= others[j]) {
                next = own[i]
                i += 1
            } else {
                next = others[j]
                j += 1
            }
        }
        return next.advanced(by: span)
    }

    /// How many of the sorted `instants` are at or before `instant` (binary search).
    private static func countNotAfter(_ instant: C.Instant, in instants: Deque<C.Instant>) -> Int {
        var low = 0
        var high = instants.count
        while low < high {
            let middle = (low + high) / 2
            if instants[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private mutating func prune(at now: C.Instant) {
        own.removeFirst(expiredPrefix(of: own, at: now))
        others.removeFirst(expiredPrefix(of: others, at: now))
        if let pausedUntil, pausedUntil <= now { self.pausedUntil = nil }
    }
}
