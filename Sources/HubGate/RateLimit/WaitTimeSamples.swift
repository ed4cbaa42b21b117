/// The most recent queue wait times, for p50/p99 reporting: a fixed-size ring, so memory stays
/// bounded however long the gateway runs, and percentiles describe recent traffic.
package struct WaitTimeSamples: Sendable, Equatable {
    /// How many samples are kept.
    package let capacity: Int
    private var samples: [Duration] = []
    private var next = 0
    /// Samples ever recorded (not only those kept).
    package private(set) var recorded = 0

    /// Creates an empty ring holding up to `capacity` samples.
    package init(capacity: Int = 4_096) {
        precondition(capacity > 0)
        self.capacity = capacity
        samples.reserveCapacity(capacity)
    }

    /// Records one wait, replacing the oldest sample when full.
    package mutating func record(_ wait: Duration) {
        recorded += 1
        if samples.count < capacity {
            samples.append(wait)
        } else {
            samples[next] = wait
            next = (next + 1) % capacity
        }
    }

    /// The nearest-rank percentile (`0.5` for p50, `0.99` for p99) of the kept samples; nil when empty.
    package func percentile(_ fraction: Double) -> Duration? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count, Swift.max(1, rank)) - 1]
    }
}
