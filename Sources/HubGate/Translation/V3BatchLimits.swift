/// Largest v3 batches HubGate translates; larger ones are refused before anything is sent.
///
/// Defaults are HubSpot's documented limits (reference §5): `batch/read` 1,000 inputs (since
/// 2025-02-10), `batch/create` 2,000. HubSpot documents none for archive; nil means unlimited.
package struct V3BatchLimits: Hashable, Sendable {
    /// Most inputs in one `batch/read`.
    package var maxReadInputs: Int
    /// Most inputs in one `batch/create`.
    package var maxCreateInputs: Int
    /// Most inputs in one `batch/archive`, or nil for no limit.
    package var maxArchiveInputs: Int?

    /// Creates limits; the defaults are HubSpot's.
    package init(maxReadInputs: Int = 1_000, maxCreateInputs: Int = 2_000, maxArchiveInputs: Int? = nil) {
        self.maxReadInputs = maxReadInputs
        self.maxCreateInputs = maxCreateInputs
        self.maxArchiveInputs = maxArchiveInputs
    }
}
