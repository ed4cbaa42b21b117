/// Every key the gateway's configuration reads, to point out the ones a file sets that nothing
/// reads: a misspelt key (`server.prot`, `clients.billing.scope`) is otherwise silently ignored, and
/// its setting silently left at the default.
package enum ConfigurationKeys {
    /// The keys read, in configuration-file spelling.
    package static let known: Set<String> = [
        "server.host", "server.port", "server.maxBodyBytes", "server.idleTimeoutSeconds", "server.heapTrimSeconds",
        "admin.host", "admin.port",
        "upstream.url", "upstream.connectTimeoutMs", "upstream.timeoutMs", "upstream.maxConnections", "upstream.retryAttempts",
        "hubspot.token", "hubspot.tokenFile",
        "clientNames",
        "cache.enabled", "cache.path", "cache.ttlSeconds", "cache.staleWhileRevalidateSeconds", "cache.staleIfErrorSeconds",
        "cache.memoryMaxEntries", "cache.memoryMaxBytes",
        "budget.enabled", "budget.burstLimit", "budget.intervalMs", "budget.headroom", "budget.dailyLimit",
        "budget.dailyHeadroom", "budget.timeZone", "budget.queueCapacity", "budget.maxWaitMs", "budget.statePath",
        "budget.startupProbeMs",
        "clientLimits.enabled", "clientLimits.shadow", "clientLimits.quota", "clientLimits.windowSeconds", "clientLimits.burst",
        "v3.companyReads", "v3.createPreservesLabels",
        "log.level", "log.format", "log.access",
    ]

    /// The keys under `clients.<name>.`.
    package static let perClient: Set<String> = ["keySha256", "scopes", "quota", "windowSeconds", "burst"]

    /// The dotted keys of a parsed configuration document's leaves (`clients.billing.scopes`), sorted:
    /// nested mappings are walked, anything else (a value, a list) is a leaf.
    package static func dotted(_ document: Any?) -> [String] {
        var keys: [String] = []
        func collect(_ value: Any?, under prefix: String) {
            guard let mapping = value as? [AnyHashable: Any] else {
                if !prefix.isEmpty { keys.append(prefix) }
                return
            }
            for (name, child) in mapping {
                let name = "\(name.base)"
                collect(child, under: prefix.isEmpty ? name : prefix + "." + name)
            }
        }
        collect(document, under: "")
        return keys.sorted()
    }

    /// What is wrong with each of `keys` (dotted, as a file sets them) that nothing reads, in order;
    /// `clientNames` are the configured clients, whose `clients.<name>.…` keys are read.
    package static func unread(_ keys: [String], clientNames: [String]) -> [String] {
        let names = Set(clientNames)
        return keys.compactMap { key in
            if known.contains(key) { return nil }
            let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
            guard parts.first == "clients", parts.count == 3 else {
                return "\(key): not a HubGate setting; ignored"
            }
            guard names.contains(parts[1]) else {
                return "\(key): '\(parts[1])' is not in clientNames; ignored"
            }
            return perClient.contains(parts[2]) ? nil : "\(key): not a client setting (\(perClient.sorted().joined(separator: ", "))); ignored"
        }
    }
}
