import Foundation
import HTTPTypes
import HubSpotModel
import Hummingbird
import Logging
import NIOCore

/// The one place where errors become responses: every failure a client can see leaves here as a
/// HubSpot-shaped JSON body with the request id as `correlationId`.
enum HubSpotErrorResponse {
    /// The answer for any error thrown while serving a request.
    static func make(for error: any Error, requestID: String, logger: Logger) -> Response {
        switch error {
        case let error as GatewayError:
            return response(for: error, requestID: requestID)
        case let error as TranslationError:
            let data = (try? JSONEncoder().encode(error.errorBody(correlationID: requestID))) ?? Data()
            return Response(
                status: HTTPResponse.Status(code: error.statusCode),
                headers: [.contentType: "application/json;charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: data))
            )
        case let error as HTTPError:
            return response(for: gatewayError(for: error), requestID: requestID)
        default:
            logger.error("Unexpected error", metadata: ["error.type": "\(type(of: error))", "request.id": "\(requestID)"])
            return response(for: .internalError, requestID: requestID)
        }
    }

    /// Hummingbird's own errors in the gateway's vocabulary.
    private static func gatewayError(for error: HTTPError) -> GatewayError {
        switch error.status {
        case .contentTooLarge: .payloadTooLarge(limit: 0)
        case .notFound: .routeNotFound
        case .methodNotAllowed:
            .methodNotAllowed(allowing: (error.headers[.allow] ?? "").split(separator: ",").compactMap {
                HTTPRequest.Method(String($0.trimmingPrefix(" ")))
            })
        case .badRequest: .invalidJSON
        default: .internalError
        }
    }

    /// The HubSpot-shaped response for a gateway error.
    static func response(for error: GatewayError, requestID: String) -> Response {
        ready(for: error, requestID: requestID).response
    }

    /// The HubSpot-shaped answer for a gateway error, before it becomes a Hummingbird response.
    static func ready(for error: GatewayError, requestID: String) -> ReadyResponse {
        var body = HubSpotErrorBody(message: error.message, correlationId: requestID, category: error.category)
        var headers = HTTPFields()
        if let policy = error.policyName {
            // HubSpot's 429 vocabulary, so clients that retry on policyName (the Node client) do.
            body.policyName = policy
            body.errorType = "RATE_LIMIT"
        }
        if let seconds = error.retryAfterSeconds {
            headers[.retryAfter] = String(seconds)
        }
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        headers[.contentType] = "application/json;charset=utf-8"
        if let allowed = error.allowedMethods {
            headers[.allow] = allowed
        }
        return ReadyResponse(status: error.status, headers: headers, body: ByteBuffer(bytes: data))
    }
}
