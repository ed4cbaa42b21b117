@testable import HubGate

/// Manual instants for the rate-limit suites: time is a plain offset, moved only by the test.
typealias TestInstant = ManualClock.Instant

/// The instant `milliseconds` after the test's origin.
func ms(_ milliseconds: Int64) -> TestInstant {
    TestInstant(offset: .milliseconds(milliseconds))
}

/// The instant `seconds` after the test's origin.
func sec(_ seconds: Int64) -> TestInstant {
    TestInstant(offset: .seconds(seconds))
}

/// Kinds of traffic the property checks replay.
enum ArrivalPattern: CaseIterable, CustomStringConvertible {
    /// Evenly spread arrivals with random gaps, above the budget's rate.
    case steadyOverload
    /// Clusters of many simultaneous arrivals with quiet gaps between them.
    case bursts
    /// Few arrivals, mostly well under the budget.
    case sparse

    var description: String {
        switch self {
        case .steadyOverload: "steady overload"
        case .bursts: "bursts"
        case .sparse: "sparse"
        }
    }

    /// `count` arrival instants in milliseconds, sorted, for a budget of `limit` per `intervalMilliseconds`.
    func arrivals(count: Int, limit: Int, intervalMilliseconds: Int64, using random: inout SplitMix64) -> [Int64] {
        var times: [Int64] = []
        times.reserveCapacity(count)
        var now: Int64 = 0
        let meanGap = intervalMilliseconds / Int64(limit)
        while times.count < count {
            switch self {
            case .steadyOverload:
                // On average twice the budget's rate.
                now += Int64.random(in: 0...meanGap, using: &random)
                times.append(now)
            case .bursts:
                now += Int64.random(in: 0...(intervalMilliseconds * 2), using: &random)
                let size = Int.random(in: 1...(limit * 3), using: &random)
                for _ in 0..<size where times.count < count {
                    times.append(now + Int64.random(in: 0...50, using: &random))
                }
                times.sort()
                now = times.last ?? now
            case .sparse:
                now += Int64.random(in: 0...(meanGap * 8), using: &random)
                times.append(now)
            }
        }
        return times
    }
}

/// The largest number of `grants` (sorted) inside any half-open window `[t, t + window)`.
func largestWindowCount(_ grants: [TestInstant], window: Duration) -> Int {
    var largest = 0
    var start = 0
    for end in grants.indices {
        while grants[start].advanced(by: window) <= grants[end] { start += 1 }
        largest = max(largest, end - start + 1)
    }
    return largest
}
