import Configuration

extension SimulatorConfiguration {
    /// A configuration value that cannot be used.
    package struct InvalidValue: Error, CustomStringConvertible, Equatable {
        /// The offending key.
        package var key: String
        /// What is wrong with it.
        package var reason: String

        /// A sentence for logs.
        package var description: String { "invalid configuration \(key): \(reason)" }
    }

    /// Reads the configuration from `reader` (scope it first, e.g. `reader.scoped(to: "simulator")`).
    ///
    /// ## Configuration keys
    /// - `host` (string, default `127.0.0.1`): address to bind.
    /// - `port` (int, default `8090`): port to bind; 0 picks a free one.
    /// - `dialect` (string, `seed` or `hubspot`, default `seed`): response vocabulary.
    /// - `token` (string, secret, default `sim-token`): the Bearer token every HubSpot route requires.
    /// - `burstLimit` (int, default `190`): requests per rolling window.
    /// - `burstIntervalMilliseconds` (int, default `10000`): rolling window length.
    /// - `dailyLimit` (int, default `625000`): requests per UTC day.
    /// - `countsRejectedRequests` (bool, default `true`): whether 401/429 answers use up the limits.
    /// - `listPageSize` (int, default 100 seed / 500 hubspot): list `limit` default.
    /// - `maxListPageSize` (int, default `500`): largest list `limit`.
    /// - `batchReadPageSize` (int, default `500`): associations per record in one batch/read result.
    /// - `maxBatchReadInputs` (int, default `1000`), `maxBatchCreateInputs` (int, default `2000`).
    /// - `maxUserLabelsPerPair` (int, default `10`), `firstUserLabelTypeID` (int, default `100`).
    /// - `faultSeed` (int, default `24301`): seed of fault fractions and correlation ids.
    /// - `recordedRequestLimit` (int, default `200`): size of the recorded-request ring.
    /// - `servesDefinitionsList` (bool, default `true`): whether `GET …/definitions` is served.
    /// - `createReplacesLabels` (bool, default `false`): whether creates replace the pair's types.
    package init(reader: ConfigReader) throws {
        self.init()
        host = reader.string(forKey: "host", default: host)
        port = reader.int(forKey: "port", default: port)
        if let name = reader.string(forKey: "dialect") {
            guard let value = SimulatorDialect(rawValue: name.lowercased()) else {
                throw InvalidValue(key: "dialect", reason: "expected seed or hubspot, got \(name)")
            }
            dialect = value
        }
        token = reader.string(forKey: "token", isSecret: true, default: token)
        burstLimit = reader.int(forKey: "burstLimit", default: burstLimit)
        burstInterval = .milliseconds(reader.int(forKey: "burstIntervalMilliseconds", default: 10_000))
        dailyLimit = reader.int(forKey: "dailyLimit", default: dailyLimit)
        countsRejectedRequests = reader.bool(forKey: "countsRejectedRequests", default: countsRejectedRequests)
        listPageSize = reader.int(forKey: "listPageSize")
        maxListPageSize = reader.int(forKey: "maxListPageSize", default: maxListPageSize)
        batchReadPageSize = reader.int(forKey: "batchReadPageSize", default: batchReadPageSize)
        maxBatchReadInputs = reader.int(forKey: "maxBatchReadInputs", default: maxBatchReadInputs)
        maxBatchCreateInputs = reader.int(forKey: "maxBatchCreateInputs", default: maxBatchCreateInputs)
        maxUserLabelsPerPair = reader.int(forKey: "maxUserLabelsPerPair", default: maxUserLabelsPerPair)
        firstUserLabelTypeID = reader.int(forKey: "firstUserLabelTypeID", default: firstUserLabelTypeID)
        faultSeed = UInt64(truncatingIfNeeded: reader.int(forKey: "faultSeed", default: Int(faultSeed)))
        recordedRequestLimit = reader.int(forKey: "recordedRequestLimit", default: recordedRequestLimit)
        servesDefinitionsList = reader.bool(forKey: "servesDefinitionsList", default: servesDefinitionsList)
        createReplacesLabels = reader.bool(forKey: "createReplacesLabels", default: createReplacesLabels)
        try validate()
    }

    /// Rejects values the simulator cannot run with.
    package func validate() throws {
        let positive: [(String, Int)] = [
            ("burstLimit", burstLimit), ("dailyLimit", dailyLimit), ("maxListPageSize", maxListPageSize),
            ("batchReadPageSize", batchReadPageSize), ("maxBatchReadInputs", maxBatchReadInputs),
            ("maxBatchCreateInputs", maxBatchCreateInputs), ("firstUserLabelTypeID", firstUserLabelTypeID),
        ]
        for (key, value) in positive where value < 1 {
            throw InvalidValue(key: key, reason: "must be at least 1, got \(value)")
        }
        guard (0...65_535).contains(port) else { throw InvalidValue(key: "port", reason: "must be 0...65535, got \(port)") }
        guard burstInterval > .zero else { throw InvalidValue(key: "burstIntervalMilliseconds", reason: "must be positive") }
        if let listPageSize, listPageSize < 1 { throw InvalidValue(key: "listPageSize", reason: "must be at least 1") }
        guard maxUserLabelsPerPair >= 0, recordedRequestLimit >= 0 else {
            throw InvalidValue(key: maxUserLabelsPerPair < 0 ? "maxUserLabelsPerPair" : "recordedRequestLimit", reason: "must not be negative")
        }
    }
}
