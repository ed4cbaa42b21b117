import HTTPTypes
import Hummingbird

/// The client-facing listener's responder: gives each request an id, forwards it, turns every error
/// into a HubSpot-shaped answer, and accounts for it (metrics, access log).
///
/// A plain responder rather than a `Router`: the forwarder classifies every path itself, so a router's
/// trie lookup and middleware chain would only add work on every request (about 8 % of a cache hit's
/// CPU, measured with perf).
struct GatewayResponder: HTTPResponder {
    typealias Context = GatewayRequestContext

    /// Does the work for every path.
    let forwarder: V4Forwarder
    /// Where requests are counted and logged.
    let accountant: RequestAccountant
    private let clock = ContinuousClock()

    /// Answers one request; never throws (errors become HubSpot-shaped responses).
    func respond(to request: Request, context: GatewayRequestContext) async throws -> Response {
        // In a child task, whose allocator slabs are freed when the request ends. A task keeps every
        // slab its deepest await ever needed, so on the connection's own task the frames of one
        // forwarded call (about 7 KB) would stay with each keep-alive connection until it closes.
        // A group's child, and everything in it, rather than `async let`: an `async let` child
        // lives in its parent's frame, and so did this function's own work, which then took
        // about 3 KB of every idle keep-alive connection.
        await withTaskGroup(of: Response.self) { group in
            group.addTask { await self.answerAndAccount(request, context: context) }
            return await group.next()!
        }
    }

    private func answerAndAccount(_ request: Request, context: GatewayRequestContext) async -> Response {
        let start = clock.now
        var context = context
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
