import HTTPTypes
import Hummingbird

/// Routes of the client-facing listener: every path goes through request ids and error mapping,
/// then to the forwarder, which classifies it.
enum GatewayRouter {
    static func make(forwarder: V4Forwarder) -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: HubSpotErrorMiddleware())
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .head, .options] {
            router.on("/", method: method) { request, context in try await forwarder.handle(request, context: context) }
            router.on("**", method: method) { request, context in try await forwarder.handle(request, context: context) }
        }
        return router
    }
}
