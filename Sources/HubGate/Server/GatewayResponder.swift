import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Answers the client-facing listener's requests that the event loop cannot: gives each request an
/// id, forwards it, turns every error into a HubSpot-shaped answer, and accounts for it (metrics,
/// access log). Shared by every connection's `RequestDispatchHandler`.
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
    private let logger: Logger
    private let clock = ContinuousClock()

    /// Creates the responder every connection shares.
    init(forwarder: V4Forwarder, accountant: RequestAccountant, dates: HTTPDate, logger: Logger) {
        self.forwarder = forwarder
        self.accountant = accountant
        self.dates = dates
        self.logger = logger
    }

    /// The largest request body served; read at each request's head, so a reload applies to the next.
    var maxBodyBytes: Int { forwarder.settings.value.maxBodyBytes }

    /// Answers one request that arrived on `channel` with `body`; never throws (errors become
    /// HubSpot-shaped responses). The answer carries `X-Request-Id`; the writer adds `Date`.
    func respond(to head: HTTPRequest, body: ByteBuffer, channel: any Channel) async -> Response {
        let start = clock.now
        // The body travels in the context, where the forwarder takes it without an async read.
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        var context = GatewayRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        context.body = body
        context.requestID = RequestID.make()
        accountant.started()
        let trace = RequestTrace()
        var response = await Self.answer(request, context: context, trace: trace, forwarder: forwarder)
        response.headers[.xRequestID] = context.requestID
        account(for: request, response: response, trace: trace, requestID: context.requestID, duration: start.duration(to: clock.now))
        return response
    }

    private static func answer(
        _ request: Request,
        context: GatewayRequestContext,
        trace: RequestTrace,
        forwarder: V4Forwarder
    ) async -> Response {
        await RequestTrace.$current.withValue(trace) {
            do {
                return try await forwarder.handle(request, context: context)
            } catch {
                return HubSpotErrorResponse.make(for: error, requestID: context.requestID, logger: context.logger)
            }
        }
    }

    private func account(for request: Request, response: Response, trace: RequestTrace, requestID: String, duration: Duration) {
        var fields = trace.snapshot
        if fields.route == nil, let operation = RouteClassifier.operation(method: request.method, path: Substring(request.uri.path)) {
            fields.route = operation.template
            fields.version = operation.version
        }
        accountant.finished(
            requestID: requestID,
            method: request.method.rawValue,
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
