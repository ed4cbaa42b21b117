import Testing

@testable import HubGate

/// The bounded ring of wait times behind the p50/p99 figures.
struct WaitTimeSamplesTests {
    /// Nearest-rank percentiles over the kept samples; none when empty.
    @Test func percentiles() {
        var samples = WaitTimeSamples(capacity: 100)
        #expect(samples.percentile(0.5) == nil)
        for millisecond in 1...100 { samples.record(.milliseconds(Int64(millisecond))) }
        #expect(samples.percentile(0.5) == .milliseconds(50))
        #expect(samples.percentile(0.99) == .milliseconds(99))
        #expect(samples.percentile(1) == .milliseconds(100))
        #expect(samples.percentile(0) == .milliseconds(1))
    }

    /// When full, the oldest samples give way, so percentiles follow recent traffic in bounded memory.
    @Test func keepsOnlyRecentSamples() {
        var samples = WaitTimeSamples(capacity: 10)
        for _ in 0..<10 { samples.record(.seconds(9)) }
        for _ in 0..<10 { samples.record(.zero) }
        #expect(samples.percentile(0.99) == .zero)
        #expect(samples.recorded == 20)
    }
}
