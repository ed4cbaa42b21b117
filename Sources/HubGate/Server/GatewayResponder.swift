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

    /// Checks a request that has been read (`V4Forwarder.check(_:body:)`), counted as started: the
    /// request to serve, or the answer for one that failed a check or is over its client's share,
    /// which has been counted and logged as the task's answer would have been.
    func check(_ head: HTTPRequest, body: ByteBuffer, startedAt: ContinuousClock.Instant) -> V4Forwarder.CheckOutcome {
        accountant.started()
        let outcome = forwarder.check(head, body: body)
        if case .answer(let answer, let requestID) = outcome {
            account(answer, requestID: requestID, method: head.method.rawValue, since: startedAt)
        }
        return outcome
    }

    /// Queues `request` for its turn of the shared budget, before its task starts, when the budget
    /// is on and the request will certainly call HubSpot (`V4Forwarder.goesUpstream(_:)`); returns
    /// false, and never calls `onTurn`, otherwise. `onTurn` is called once the request has its turn
    /// or was refused one (the queue's wait ran out, its client left, shutdown): at once, or later
    /// from another thread.
    func queueForTurn(
        _ request: V4Forwarder.CheckedRequest,
        channel: any Channel,
        onTurn: @escaping @Sendable (Result<UpstreamScheduler.Grant, GatewayError>) -> Void
    ) -> Bool {
        guard let scheduler, forwarder.goesUpstream(request) else { return false }
        let client = ClientDisconnection(isGone: { ClientGoneWatcher.isGone(channel) })
        scheduler.reserve(for: client) { onTurn($0) }
        return true
    }

    /// The answer to a request refused its turn, made without a task: the answer, metrics and
    /// access-log line its task would have made (a budget refusal is never retried). Refusals come
    /// in bursts (a window's expired waits, the calls of clients that left), and a task each would
    /// take their whole call stacks at once.
    func refusal(of request: V4Forwarder.CheckedRequest, error: GatewayError, startedAt: ContinuousClock.Instant) -> ReadyResponse {
        if error.isUpstreamBudgetExhausted { accountant.metrics.budgetRefused() }
        let answer = EventLoopAnswer(
            response: HubSpotErrorResponse.ready(for: error, requestID: request.requestID),
            client: request.client.name,
            operation: request.route.operation,
            cacheStatus: nil
        )
        account(answer, requestID: request.requestID, method: request.head.method.rawValue, since: startedAt)
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

    /// Answers a checked request in its task, with its turn of the shared budget if it waited for
    /// one; never throws (errors become HubSpot-shaped responses). The answer carries `X-Request-Id`;
    /// the writer adds `Date`. Its duration counts from `startedAt`, before any wait.
    func respond(to request: V4Forwarder.CheckedRequest, turn: PrepaidTurn?, channel: any Channel, startedAt: ContinuousClock.Instant) async -> Response {
        let forwarder = self.forwarder
        let logger = self.logger
        let trace = RequestTrace()
        var response = await RequestTrace.$current.withValue(trace) {
            do {
                return try await PrepaidTurn.$current.withValue(turn) {
                    try await forwarder.serve(request, channel: channel)
                }
            } catch {
                return HubSpotErrorResponse.make(for: error, requestID: request.requestID, logger: logger)
            }
        }
        response.headers[.xRequestID] = request.requestID
        accountant.finished(
            requestID: request.requestID,
            method: request.head.method.rawValue,
            route: request.route.operation.template,
            version: request.route.operation.version,
            client: request.client.name,
            status: Int(response.status.code),
            duration: startedAt.duration(to: clock.now),
            cacheStatus: trace.cacheStatus,
            upstreamCalls: trace.upstreamCalls
        )
        return response
    }
}
