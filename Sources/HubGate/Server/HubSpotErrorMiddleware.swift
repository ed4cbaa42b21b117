import Foundation
import HTTPTypes
import HubSpotModel
import Hummingbird
import Logging
import NIOCore

/// The one place where errors become responses: every failure a client can see leaves here as a
/// HubSpot-shaped JSON body with the request id as `correlationId`.
struct HubSpotErrorMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GatewayError {
            return Self.response(for: error, requestID: context.requestID)
        } catch let error as HTTPError {
            return Self.response(for: Self.gatewayError(for: error), requestID: context.requestID)
        } catch {
            context.logger.error("Unexpected error", metadata: ["error.type": "\(type(of: error))"])
            return Self.response(for: .internalError, requestID: context.requestID)
        }
    }

    /// Hummingbird's own errors (e.g. a body over the upload limit) in the gateway's vocabulary.
    private static func gatewayError(for error: HTTPError) -> GatewayError {
        switch error.status {
        case .contentTooLarge: .payloadTooLarge(limit: 0)
        case .notFound: .routeNotFound
        case .methodNotAllowed: .methodNotAllowed
        case .badRequest: .invalidJSON
        default: .internalError
        }
    }

    /// The HubSpot-shaped response for a gateway error.
    static func response(for error: GatewayError, requestID: String) -> Response {
        let body = HubSpotErrorBody(message: error.message, correlationId: requestID, category: error.category)
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json;charset=utf-8"
        if error.status == .methodNotAllowed {
            headers[.allow] = "GET, POST, PUT, DELETE"
        }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
