import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request a fresh id and puts it on every response as `X-Request-Id`.
///
/// The id is always generated here, never taken from the client, so it is unique and safe to log.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = UUID().uuidString.lowercased()
        var response = try await next(request, context)
        response.headers[.xRequestID] = context.requestID
        return response
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    package static let xRequestID = HTTPField.Name("X-Request-Id")!
    /// `Cache-Status` (RFC 9211).
    package static let cacheStatus = HTTPField.Name("Cache-Status")!
}
