/// Where the cache keeps its entries and how much memory its hot tier may use.
package struct CacheStoreConfiguration: Sendable, Equatable {
    /// The SQLite file; its directory is created when missing.
    package var path: String
    /// The most entries the memory tier holds.
    package var memoryMaximumEntries: Int
    /// The most body bytes the memory tier holds.
    package var memoryMaximumBytes: Int
    /// How long one SQLite call waits for another connection's lock before the store degrades.
    ///
    /// Short on purpose: a request that stores or invalidates waits this long at most, once per retry.
    package var busyTimeout: Duration
    /// The wait before the first attempt to use SQLite again after a failure.
    package var initialRetryDelay: Duration
    /// The longest wait between attempts; the wait doubles from `initialRetryDelay` up to this.
    package var maximumRetryDelay: Duration

    /// Creates a configuration; defaults suit the labels and definitions cache (small JSON bodies).
    package init(
        path: String,
        memoryMaximumEntries: Int = 10_000,
        memoryMaximumBytes: Int = 64 * 1024 * 1024,
        busyTimeout: Duration = .milliseconds(250),
        initialRetryDelay: Duration = .seconds(1),
        maximumRetryDelay: Duration = .seconds(60)
    ) {
        self.path = path
        self.memoryMaximumEntries = memoryMaximumEntries
        self.memoryMaximumBytes = memoryMaximumBytes
        self.busyTimeout = busyTimeout
        self.initialRetryDelay = initialRetryDelay
        self.maximumRetryDelay = maximumRetryDelay
    }
}
