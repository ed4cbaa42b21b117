import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// What every client connection's handlers share: answers the requests the event loop cannot
/// (gives each an id, forwards it, turns every error into a HubSpot-shaped answer), queues the calls
/// that wait for the budget without a task, and accounts for every answer (metrics, access log),
/// including those `EventLoopAnswerHandler` makes. One for the listener: a class, so connections
/// hold a reference rather than a copy of its fields (about 450 bytes each).
///
/// No `Router`: the forwarder classifies every path itself, so a router's trie lookup and middleware
/// chain would only add work on every request (about 8 % of a cache hit's CPU, measured with perf).
final class GatewayResponder: Sendable {
    /// Does the work for every path.
    let forwarder: V4Forwarder
    /// Where requests are counted and logged.
    let accountant: RequestAccountant
    /// `Date` values for the answers.
    let dates: HTTPDate
    /// Times answers.
    let clock = ContinuousClock()
    private let scheduler: UpstreamScheduler?
    private let logger: Logger

    /// Creates the responder every connection shares; `scheduler` is the shared upstream budget, nil
    /// when it is off.
    init(forwarder: V4Forwarder, accountant: RequestAccountant, dates: HTTPDate, scheduler: UpstreamScheduler?, logger: Logger) {
        self.forwarder = forwarder
        self.accountant = accountant
        self.dates = dates
        self.scheduler = scheduler
        self.logger = logger
    }

    /// The largest request body served; read at each request's head, so a reload applies to the next.
    var maxBodyBytes: Int { forwarder.settings.value.maxBodyBytes }

    /// Answers one request that arrived on `channel` with `body`; never throws (errors become
    /// HubSpot-shaped responses). The answer carries `X-Request-Id`; the writer adds `Date`.
    func respond(to head: HTTPRequest, body: ByteBuffer, channel: any Channel) async -> Response {
        let startedAt = clock.now
        accountant.started()
        // The body travels in the context, where the forwarder takes it without an async read.
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        let context = GatewayRequestContext(requestID: RequestID.make(), channel: channel, body: body)
        let forwarder = self.forwarder
        return await answerAndAccount(head: head, requestID: context.requestID, startedAt: startedAt) {
            try await forwarder.handle(request, context: context)
        }
    }

    /// The planned call for a request that waits for the shared budget before its task starts
    /// (`V4Forwarder.plannedCall`), counted as started; nil when the budget is off or the request
    /// takes the ordinary path.
    func plannedCall(for head: HTTPRequest, body: ByteBuffer) -> V4Forwarder.PlannedCall? {
        guard scheduler != nil, let call = forwarder.plannedCall(for: head, body: body) else { return nil }
        accountant.started()
        return call
    }

    /// Calls `onTurn` once `call` has its turn of the shared budget (nil: it needs none), or was
    /// refused one (the queue's wait ran out, its client left, shutdown): at once, or later from
    /// another thread.
    func awaitTurn(
        for call: V4Forwarder.PlannedCall,
        channel: any Channel,
        onTurn: @escaping @Sendable (Result<UpstreamScheduler.Grant, GatewayError>?) -> Void
    ) {
        guard let scheduler, call.refusal == nil else { return onTurn(nil) }
        let client = ClientDisconnection(isGone: { ClientGoneWatcher.isGone(channel) })
        scheduler.reserve(for: client) { onTurn($0) }
    }

    /// The answer to a planned call refused its turn, made without a task: the answer, metrics and
    /// access-log line its task would have made (a budget refusal is never retried). Refusals come
    /// in bursts (a window's expired waits, the calls of clients that left), and a task each would
    /// take their whole call stacks at once.
    func refusal(of call: V4Forwarder.PlannedCall, error: GatewayError, startedAt: ContinuousClock.Instant) -> ReadyResponse {
        if error.isUpstreamBudgetExhausted { accountant.metrics.budgetRefused() }
        let answer = EventLoopAnswer(
            response: HubSpotErrorResponse.ready(for: error, requestID: call.requestID),
            client: call.client.name,
            operation: call.route.operation,
            cacheStatus: nil
        )
        account(answer, requestID: call.requestID, method: call.head.method.rawValue, since: startedAt)
        return answer.response
    }

    /// Counts and logs an answer made on the event loop, which spent no upstream call.
    func account(_ answer: EventLoopAnswer, requestID: String, method: String, since receivedAt: ContinuousClock.Instant) {
        accountant.finished(
            requestID: requestID,
            method: method,
            route: answer.operation?.template,
            version: answer.operation?.version,
            client: answer.client,
            status: Int(answer.response.status.code),
            duration: receivedAt.duration(to: clock.now),
            cacheStatus: answer.cacheStatus,
            upstreamCalls: 0
        )
    }

    /// Answers a planned call with its turn; like `respond(to:body:channel:)` otherwise, its
    /// duration counted from `startedAt`, before it waited.
    func respond(to call: V4Forwarder.PlannedCall, turn: PrepaidTurn?, channel: any Channel, startedAt: ContinuousClock.Instant) async -> Response {
        let forwarder = self.forwarder
        return await answerAndAccount(head: call.head, requestID: call.requestID, startedAt: startedAt) {
            try await PrepaidTurn.$current.withValue(turn) {
                try await forwarder.serve(call, channel: channel)
            }
        }
    }

    private func answerAndAccount(
        head: HTTPRequest,
        requestID: String,
        startedAt: ContinuousClock.Instant,
        _ work: () async throws -> Response
    ) async -> Response {
        let trace = RequestTrace()
        let logger = self.logger
        var response = await RequestTrace.$current.withValue(trace) {
            do {
                return try await work()
            } catch {
                return HubSpotErrorResponse.make(for: error, requestID: requestID, logger: logger)
            }
        }
        response.headers[.xRequestID] = requestID
        account(for: head, response: response, trace: trace, requestID: requestID, duration: startedAt.duration(to: clock.now))
        return response
    }

    private func account(for head: HTTPRequest, response: Response, trace: RequestTrace, requestID: String, duration: Duration) {
        var fields = trace.snapshot
        if fields.route == nil, let operation = RouteClassifier.operation(method: head.method, path: Substring(URI(head.path ?? "").path)) {
            fields.route = operation.template
            fields.version = operation.version
        }
        accountant.finished(
            requestID: requestID,
            method: head.method.rawValue,
            route: fields.route,
            version: fields.version,
            client: fields.client,
            status: Int(response.status.code),
            duration: duration,
            cacheStatus: fields.cacheStatus,
            upstreamCalls: trace.upstreamCalls
        )
    }
}
