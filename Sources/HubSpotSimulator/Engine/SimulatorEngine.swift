import Foundation
import HTTPTypes
import HubSpotModel

/// The simulator's whole behaviour as a value: state plus one `handle` function from request to
/// response. No sockets, no clocks of its own: time comes in with each request.
///
/// Pipeline for HubSpot routes: classify → count → authenticate → rate-limit → scripted faults →
/// handler. Every answer (errors included) carries the rate-limit and correlation headers.
/// `/_simulator/…` control routes skip all of that.
package struct SimulatorEngine: Sendable {
    /// The configuration it was made with.
    package let configuration: SimulatorConfiguration
    /// Stored associations.
    var graph = AssociationGraph()
    /// Association types: table, invented defaults, user labels.
    var labels: LabelRegistry
    /// The simulated HubSpot limits.
    var limiter: RollingRateLimiter
    /// Scripted faults.
    var faults: FaultPlan
    /// Correlation ids (seeded, so runs repeat).
    var random: SeededRandom
    /// Recently received requests.
    var log: RequestLog
    /// Request counters (window figures are filled in by `stats`).
    var counters = SimulatorStats()
    /// `Bearer <token>`, built once.
    let expectedAuthorization: String
    /// Limit configurations per pair direction: type → maxToObjectIds.
    var limitConfigurations: [ObjectPair: [TypeKey: Int]] = [:]

    /// Creates an engine with empty state.
    package init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        expectedAuthorization = "Bearer \(configuration.token)"
        labels = LabelRegistry(firstUserTypeID: configuration.firstUserLabelTypeID)
        limiter = RollingRateLimiter(
            limit: configuration.burstLimit,
            interval: configuration.burstInterval,
            dailyLimit: configuration.dailyLimit,
            countsRejected: configuration.countsRejectedRequests
        )
        faults = FaultPlan(seed: configuration.faultSeed)
        random = SeededRandom(seed: configuration.faultSeed ^ 0xC0FF_EE00)
        log = RequestLog(capacity: configuration.recordedRequestLimit)
    }

    /// The dialect answers are written in.
    var dialect: SimulatorDialect { configuration.dialect }

    /// Handles one request arriving at `now` (rate windows) and `date` (timestamps, daily reset).
    package mutating func handle(_ request: SimulatorRequest, now: ContinuousClock.Instant, date: Date) -> SimulatorResponse {
        if SimulatorRoute.isControlPath(request.path) {
            return handleControl(request, now: now, date: date)
        }
        let route = SimulatorRoute.classify(method: request.method, path: request.path)
        counters.totalRequests += 1
        counters.requestsByOperation[route.operation, default: 0] += 1
        let correlationID = random.nextUUID()

        var response: SimulatorResponse
        if !isAuthorized(request.headers) {
            counters.unauthorized += 1
            limiter.recordRejected(now: now, date: date)
            response = errorResponse(Self.unauthenticated, correlationID: correlationID)
        } else if let refusal = limiter.admit(now: now, date: date) {
            counters.rateLimited += 1
            response = errorResponse(Self.rateLimitError(policyName: refusal == .daily ? "DAILY" : "TEN_SECONDLY_ROLLING"), correlationID: correlationID)
        } else {
            let outcome = faults.draw(for: route.operation)
            if outcome.reset {
                counters.faultsInjected += 1
                response = SimulatorResponse(status: .ok, disposition: .resetConnection)
            } else if let status = outcome.status {
                counters.faultsInjected += 1
                response = errorResponse(Self.faultError(status: status, policyName: outcome.policyName), correlationID: correlationID)
            } else {
                do {
                    let (status, body) = try dispatch(route, request, date: date)
                    response = SimulatorResponse(status: status, body: body?.bytes ?? [])
                } catch {
                    response = errorResponse(error, correlationID: correlationID)
                }
            }
            response.latency = outcome.latency
        }
        addHeaders(to: &response, correlationID: correlationID, now: now, date: date)
        let status = response.disposition == .resetConnection ? 0 : response.status.code
        log.append(RequestLog.record(request, operation: route.operation, status: status))
        return response
    }

    /// Current counters.
    package mutating func stats(now: ContinuousClock.Instant, date: Date) -> SimulatorStats {
        var stats = counters
        _ = limiter.snapshot(now: now, date: date)
        stats.peakWindowCount = limiter.peakWindowCount
        stats.windowCount = limiter.windowCount
        stats.dailyCount = limiter.dailyCount
        stats.associationCount = graph.count
        stats.userLabelCount = labels.userLabels.count
        return stats
    }

    /// Adds a fault rule.
    package mutating func addFault(_ rule: FaultRule) {
        faults.add(rule)
    }

    /// Removes every fault rule.
    package mutating func clearFaults() {
        faults.clear()
    }

    /// The active fault rules (with remaining counts).
    package var faultRules: [FaultRule] { faults.rules }

    /// The last recorded requests, oldest first.
    package func recordedRequests(operation: SimulatorOperation? = nil, limit: Int = .max) -> [RecordedRequest] {
        log.recent(operation: operation, limit: limit)
    }

    /// Back to a fresh start: associations, labels, configurations, counters, windows, faults, log.
    package mutating func reset() {
        self = SimulatorEngine(configuration: configuration)
    }

    // MARK: Pipeline pieces

    private func isAuthorized(_ headers: HTTPFields) -> Bool {
        guard let value = headers[.authorization] else { return false }
        // Fast path: clients send exactly "Bearer <token>"; only other capitalisations pay for lowercasing.
        if value == expectedAuthorization { return true }
        let prefix = "Bearer "
        guard value.count == prefix.count + configuration.token.count,
            value.prefix(prefix.count).lowercased() == prefix.lowercased()
        else { return false }
        return value.dropFirst(prefix.count) == configuration.token
    }

    private mutating func dispatch(_ route: SimulatorRoute, _ request: SimulatorRequest, date: Date) throws -> (HTTPResponse.Status, JSONValue?) {
        switch route.operation {
        case .listAssociations: return try listAssociations(route, request)
        case .createAssociation: return try createAssociation(route, request)
        case .createLabeledAssociation: return try createLabeledAssociation(route, request)
        case .createDefaultAssociation: return try createDefaultAssociation(route, date: date)
        case .deleteAssociation: return try deleteAssociation(route)
        case .batchRead: return try batchRead(route, request, date: date)
        case .batchCreate: return try batchCreate(route, request, date: date)
        case .batchCreateDefault: return try batchCreateDefault(route, request, date: date)
        case .batchArchive: return try batchArchive(route, request, labelsOnly: false)
        case .batchArchiveLabels: return try batchArchive(route, request, labelsOnly: true)
        case .listLabels: return try listLabels(route)
        case .createLabel: return try createLabel(route, request)
        case .updateLabel: return try updateLabel(route, request)
        case .deleteLabel: return try deleteLabel(route)
        case .listDefinitions:
            // Real HubSpot has no such list; a test that needs to prove it does without one turns it off.
            guard configuration.servesDefinitionsList else { throw SimulatorError.notFound(path: request.path) }
            return try listDefinitions(request)
        case .listAllConfigurations: return listAllConfigurations()
        case .listConfigurations: return try listConfigurations(route)
        case .batchCreateConfigurations: return try writeConfigurations(route, request, date: date, isCreate: true)
        case .batchUpdateConfigurations: return try writeConfigurations(route, request, date: date, isCreate: false)
        case .batchPurgeConfigurations: return try purgeConfigurations(route, request)
        case .highUsageReport: return try highUsageReport(route, date: date)
        case .unknown: throw SimulatorError.notFound(path: request.path)
        }
    }

    private static let unauthenticated = SimulatorError(
        status: .unauthorized,
        message: "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        category: HubSpotErrorCategory.invalidAuthentication
    )

    /// HubSpot's 429 body for a policy (`TEN_SECONDLY_ROLLING`, `DAILY`, `SECONDLY`).
    static func rateLimitError(policyName: String) -> SimulatorError {
        SimulatorError(
            status: .tooManyRequests,
            message: "You have reached your \(policyName.lowercased()) limit.",
            category: HubSpotErrorCategory.rateLimits,
            policyName: policyName,
            errorType: "RATE_LIMIT"
        )
    }

    private static func faultError(status: Int, policyName: String?) -> SimulatorError {
        if status == 429 { return rateLimitError(policyName: policyName ?? "TEN_SECONDLY_ROLLING") }
        let category: String =
            switch status {
            case 502: HubSpotErrorCategory.badGateway
            case 503: HubSpotErrorCategory.serviceUnavailable
            case 504: HubSpotErrorCategory.gatewayTimeout
            case 400: HubSpotErrorCategory.validation
            case 404: HubSpotErrorCategory.objectNotFound
            default: HubSpotErrorCategory.internalError
            }
        return SimulatorError(status: HTTPResponse.Status(code: status), message: "Simulated fault: HTTP \(status).", category: category)
    }

    private func errorResponse(_ error: any Error, correlationID: String) -> SimulatorResponse {
        let failure = error as? SimulatorError ?? SimulatorError(status: .internalServerError, message: "Internal error", category: HubSpotErrorCategory.internalError)
        return SimulatorResponse(status: failure.status, body: failure.body(correlationID: correlationID).bytes)
    }

    private mutating func addHeaders(to response: inout SimulatorResponse, correlationID: String, now: ContinuousClock.Instant, date: Date) {
        let snapshot = limiter.snapshot(now: now, date: date)
        if !response.body.isEmpty { response.headers[.contentType] = "application/json;charset=utf-8" }
        response.headers[HeaderName.max] = String(snapshot.max)
        response.headers[HeaderName.remaining] = String(snapshot.remaining)
        response.headers[HeaderName.interval] = String(snapshot.intervalMilliseconds)
        response.headers[HeaderName.daily] = String(snapshot.daily)
        response.headers[HeaderName.dailyRemaining] = String(snapshot.dailyRemaining)
        response.headers[HeaderName.correlationID] = correlationID
    }

    /// Header names parsed once, not per response.
    enum HeaderName {
        /// `X-HubSpot-RateLimit-Max`.
        static let max = HTTPField.Name(RateLimitHeader.max)!
        /// `X-HubSpot-RateLimit-Remaining`.
        static let remaining = HTTPField.Name(RateLimitHeader.remaining)!
        /// `X-HubSpot-RateLimit-Interval-Milliseconds`.
        static let interval = HTTPField.Name(RateLimitHeader.intervalMilliseconds)!
        /// `X-HubSpot-RateLimit-Daily`.
        static let daily = HTTPField.Name(RateLimitHeader.daily)!
        /// `X-HubSpot-RateLimit-Daily-Remaining`.
        static let dailyRemaining = HTTPField.Name(RateLimitHeader.dailyRemaining)!
        /// `X-HubSpot-Correlation-Id`.
        static let correlationID = HTTPField.Name(RateLimitHeader.correlationID)!
    }
}
