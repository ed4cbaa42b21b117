import HTTPTypes
import Hummingbird

/// The client-facing listener's responder: gives each request an id, forwards it, and turns every
/// error into a HubSpot-shaped answer.
///
/// A plain responder rather than a `Router`: the forwarder classifies every path itself, so a router's
/// trie lookup and middleware chain would only add work on every request (about 8 % of a cache hit's
/// CPU, measured with perf).
struct GatewayResponder: HTTPResponder {
    typealias Context = GatewayRequestContext

    /// Does the work for every path.
    let forwarder: V4Forwarder

    /// Answers one request; never throws (errors become HubSpot-shaped responses).
    func respond(to request: Request, context: GatewayRequestContext) async throws -> Response {
        var context = context
        context.requestID = RequestID.make()
        var response: Response
        do {
            response = try await forwarder.handle(request, context: context)
        } catch {
            response = HubSpotErrorResponse.make(for: error, requestID: context.requestID, logger: context.logger)
        }
        response.headers[.xRequestID] = context.requestID
        return response
    }
}
