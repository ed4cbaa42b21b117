/// Everything that shapes the simulator's behaviour; a plain value with HubSpot-like defaults.
package struct SimulatorConfiguration: Sendable {
    /// Address to bind; loopback by default so the simulator is never exposed by accident.
    package var host: String = "127.0.0.1"
    /// Port to bind; 0 asks the OS for a free one (tests).
    package var port: Int = 8090
    /// Which vocabulary to answer in.
    package var dialect: SimulatorDialect = .seed
    /// The private-app token every HubSpot route requires as `Authorization: Bearer <token>`.
    package var token: String = "sim-token"
    /// Requests allowed per rolling window (HubSpot Professional: 190 per 10 s).
    package var burstLimit: Int = 190
    /// Length of the rolling window.
    package var burstInterval: Duration = .seconds(10)
    /// Requests allowed per UTC day (HubSpot Professional: 625,000).
    package var dailyLimit: Int = 625_000
    /// Whether requests refused with 401 or 429 still use up the window and daily count, as HubSpot's do.
    package var countsRejectedRequests: Bool = true
    /// Default `limit` of the list endpoint (`nil`: 100 in the seed dialect, 500 in hubspot).
    package var listPageSize: Int? = nil
    /// Largest `limit` the list endpoint accepts.
    package var maxListPageSize: Int = 500
    /// Associations per record in one batch/read result before it pages.
    package var batchReadPageSize: Int = 500
    /// Largest number of inputs batch/read accepts.
    package var maxBatchReadInputs: Int = 1000
    /// Largest number of inputs batch/create (and associate/default) accepts.
    package var maxBatchCreateInputs: Int = 2000
    /// Most user-defined labels per object pair.
    package var maxUserLabelsPerPair: Int = 10
    /// First type id handed to user-defined labels.
    package var firstUserLabelTypeID: Int = 100
    /// Seed of the fault and correlation-id randomness; same seed, same run.
    package var faultSeed: UInt64 = 0x5EED
    /// How many requests `/_simulator/requests` remembers (0 disables recording).
    package var recordedRequestLimit: Int = 200
    /// Whether `GET /crm/v4/associations/definitions` is served (in both dialects). Real HubSpot has
    /// no such list: turn it off to see what a client does without the names it carries.
    package var servesDefinitionsList: Bool = true
    /// Whether creates replace the pair's types instead of adding to them. HubSpot documents replace
    /// semantics for its create endpoints (unverified); on, the simulator applies them in the
    /// strictest reading: every type between the two records, both directions, gives way to the new.
    package var createReplacesLabels: Bool = false

    /// Creates a configuration with HubSpot-like defaults.
    package init() {}

    /// The list page size in effect for the configured dialect.
    package var effectiveListPageSize: Int {
        listPageSize ?? (dialect == .seed ? 100 : 500)
    }
}
