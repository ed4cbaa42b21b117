import HTTPTypes
import HubSpotModel

/// An error HubGate answers itself, before or instead of HubSpot.
///
/// Every one becomes a HubSpot-shaped JSON body (`status`, `message`, `correlationId`, `category`) in
/// exactly one place, `HubSpotErrorMiddleware`. Messages are fixed sentences or echo only validated,
/// bounded client input: never curl, SQLite or secret text.
package struct GatewayError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case missingCredentials
        case unknownClientKey
        case missingScope(ClientScope)
        case routeNotFound
        case methodNotAllowed(allowed: String)
        case invalidObjectType(String)
        case invalidObjectID(String)
        case invalidTypeID(String)
        case invalidJSON
        case headerFieldsTooLarge
        case malformedRequest
        case payloadTooLarge(limit: Int)
        case upstreamUnreachable
        case upstreamTimeout
        case upstreamConnectionLost
        case readBeforeWriteFailed(timedOut: Bool)
        case shuttingDown
        case clientClosedRequest
        case upstreamBudgetExhausted(retryAfterSeconds: Int, policyName: String)
        case clientRateLimited(retryAfterSeconds: Int)
        case internalError
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// No `Authorization: Bearer` credential.
    package static let missingCredentials = GatewayError(.missingCredentials)
    /// A bearer key that matches no configured client.
    package static let unknownClientKey = GatewayError(.unknownClientKey)
    /// The client lacks the scope the operation needs.
    package static func missingScope(_ scope: ClientScope) -> GatewayError { GatewayError(.missingScope(scope)) }
    /// No such operation.
    package static let routeNotFound = GatewayError(.routeNotFound)
    /// A known path with a method it does not support; `allowed` are the ones it does.
    package static func methodNotAllowed(allowing allowed: some Sequence<HTTPRequest.Method>) -> GatewayError {
        // Sorted, so the same path always names its methods in the same order.
        GatewayError(.methodNotAllowed(allowed: allowed.map(\.rawValue).sorted().joined(separator: ", ")))
    }
    /// A path segment that is no object type HubSpot accepts.
    package static func invalidObjectType(_ segment: Substring) -> GatewayError { GatewayError(.invalidObjectType(EchoedClientText.bounded(segment))) }
    /// A record id that is not numeric.
    package static func invalidObjectID(_ segment: Substring) -> GatewayError { GatewayError(.invalidObjectID(EchoedClientText.bounded(segment))) }
    /// An association type id that is not an integer.
    package static func invalidTypeID(_ segment: Substring) -> GatewayError { GatewayError(.invalidTypeID(EchoedClientText.bounded(segment))) }
    /// A body that is not JSON.
    package static let invalidJSON = GatewayError(.invalidJSON)
    /// A request line or header section over the HTTP parser's limits.
    package static let headerFieldsTooLarge = GatewayError(.headerFieldsTooLarge)
    /// Bytes that do not parse as an HTTP/1.1 request.
    package static let malformedRequest = GatewayError(.malformedRequest)
    /// A body over the configured limit.
    package static func payloadTooLarge(limit: Int) -> GatewayError { GatewayError(.payloadTooLarge(limit: limit)) }
    /// HubSpot could not be reached (connection refused, DNS, TLS).
    package static let upstreamUnreachable = GatewayError(.upstreamUnreachable)
    /// HubSpot did not answer in time.
    package static let upstreamTimeout = GatewayError(.upstreamTimeout)
    /// The connection to HubSpot broke before a complete answer.
    package static let upstreamConnectionLost = GatewayError(.upstreamConnectionLost)
    /// This error, raised by a read HubGate made before a write (a v3 write's catalog, a v3 create's
    /// read of the pairs' current types), as the client should hear it: the write was never sent,
    /// which the plain timeout's "outcome unknown" would deny. Other errors are returned unchanged.
    package var beforeAnyWrite: GatewayError {
        switch code {
        case .upstreamTimeout: GatewayError(.readBeforeWriteFailed(timedOut: true))
        case .upstreamConnectionLost: GatewayError(.readBeforeWriteFailed(timedOut: false))
        default: self
        }
    }
    /// HubGate is stopping and takes no new upstream calls.
    package static let shuttingDown = GatewayError(.shuttingDown)
    /// The client closed its connection while its call waited for the upstream budget: nobody is
    /// left to answer, so the call is not sent. Only the logs and metrics see it.
    package static let clientClosedRequest = GatewayError(.clientClosedRequest)
    /// The shared HubSpot budget has no room within the call's waiting time (or its queue is full).
    package static func upstreamBudgetExhausted(retryAfterSeconds: Int, policyName: String) -> GatewayError {
        GatewayError(.upstreamBudgetExhausted(retryAfterSeconds: retryAfterSeconds, policyName: policyName))
    }
    /// The client is over its own share of HubGate.
    package static func clientRateLimited(retryAfterSeconds: Int) -> GatewayError {
        GatewayError(.clientRateLimited(retryAfterSeconds: retryAfterSeconds))
    }
    /// A bug or an unexpected failure inside HubGate.
    package static let internalError = GatewayError(.internalError)

    /// The HTTP status the client receives.
    package var status: HTTPResponse.Status {
        switch code {
        case .missingCredentials, .unknownClientKey: .unauthorized
        case .missingScope: .forbidden
        case .routeNotFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .invalidObjectType, .invalidObjectID, .invalidTypeID, .invalidJSON, .malformedRequest: .badRequest
        case .headerFieldsTooLarge: .requestHeaderFieldsTooLarge
        case .payloadTooLarge: .contentTooLarge
        case .upstreamUnreachable, .upstreamConnectionLost, .readBeforeWriteFailed(timedOut: false): .badGateway
        case .upstreamTimeout, .readBeforeWriteFailed(timedOut: true): .gatewayTimeout
        case .shuttingDown: .serviceUnavailable
        // nginx's code for the same event; no client ever receives it.
        case .clientClosedRequest: HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")
        case .upstreamBudgetExhausted, .clientRateLimited: .tooManyRequests
        case .internalError: .internalServerError
        }
    }

    /// Seconds after which a retry can expect room, for `Retry-After`.
    package var retryAfterSeconds: Int? {
        switch code {
        case .upstreamBudgetExhausted(let seconds, _), .clientRateLimited(let seconds): return seconds
        default: return nil
        }
    }

    /// The HubSpot limit that stood in the way (`TEN_SECONDLY_ROLLING`, `DAILY`).
    package var policyName: String? {
        if case .upstreamBudgetExhausted(_, let policy) = code { return policy }
        return nil
    }

    /// The methods the path supports, for the `Allow` field of a 405.
    package var allowedMethods: String? {
        if case .methodNotAllowed(let allowed) = code { return allowed }
        return nil
    }

    /// Whether the shared upstream budget refused the call (as opposed to any other failure).
    package var isUpstreamBudgetExhausted: Bool {
        if case .upstreamBudgetExhausted = code { return true }
        return false
    }

    /// HubSpot's error category for the body.
    package var category: String {
        switch code {
        case .missingCredentials, .unknownClientKey: HubSpotErrorCategory.invalidAuthentication
        case .missingScope: HubSpotErrorCategory.missingScopes
        case .routeNotFound: HubSpotErrorCategory.resourceNotFound
        case .methodNotAllowed, .invalidObjectType, .invalidObjectID, .invalidTypeID, .invalidJSON, .headerFieldsTooLarge, .malformedRequest:
            HubSpotErrorCategory.validation
        case .payloadTooLarge: HubSpotErrorCategory.payloadTooLarge
        case .upstreamUnreachable, .upstreamConnectionLost, .readBeforeWriteFailed(timedOut: false): HubSpotErrorCategory.badGateway
        case .upstreamTimeout, .readBeforeWriteFailed(timedOut: true): HubSpotErrorCategory.gatewayTimeout
        case .shuttingDown: HubSpotErrorCategory.serviceUnavailable
        case .clientClosedRequest: "CLIENT_CLOSED_REQUEST"
        case .upstreamBudgetExhausted, .clientRateLimited: HubSpotErrorCategory.rateLimits
        case .internalError: HubSpotErrorCategory.internalError
        }
    }

    /// The sentence for the client.
    package var message: String {
        switch code {
        case .missingCredentials:
            "Authentication credentials not found. Send your HubGate client key as 'Authorization: Bearer <key>'."
        case .unknownClientKey:
            "The HubGate client key is not valid."
        case .missingScope(let scope):
            "This client key lacks the '\(scope.rawValue)' scope required for this operation."
        case .routeNotFound:
            "No HubSpot associations operation matches this path."
        case .methodNotAllowed:
            "This method is not supported on this path."
        case .invalidObjectType(let segment):
            "Unable to infer object type from: \(segment)"
        case .invalidObjectID(let segment):
            "Object ids must be numeric; got '\(segment)'."
        case .invalidTypeID(let segment):
            "Association type ids must be integers; got '\(segment)'."
        case .invalidJSON:
            "Invalid input JSON: the request body is not valid JSON."
        case .headerFieldsTooLarge:
            "The request line or header fields are larger than this gateway accepts."
        case .malformedRequest:
            "The request is not valid HTTP/1.1."
        case .payloadTooLarge(let limit):
            "The request body is larger than the \(limit) bytes this gateway accepts."
        case .upstreamUnreachable:
            "HubSpot could not be reached. The request was not sent."
        case .upstreamTimeout:
            "HubSpot did not answer in time. If this was a write, its outcome is unknown."
        case .upstreamConnectionLost:
            "The connection to HubSpot was lost before it answered. If this was a write, its outcome is unknown."
        case .readBeforeWriteFailed(let timedOut):
            "HubSpot " + (timedOut ? "did not answer in time" : "dropped the connection")
                + " when HubGate read what it needs before writing. Nothing was written."
        case .shuttingDown:
            "HubGate is shutting down; retry on another instance."
        case .clientClosedRequest:
            "The client closed the connection before HubGate could send its call to HubSpot; it was not sent."
        case .clientRateLimited(let seconds):
            "This client key is over its share of HubGate; retry after \(seconds) s."
        case .upstreamBudgetExhausted(let seconds, let policy):
            "HubGate is holding calls to stay within HubSpot's \(policy) limit shared by all clients; retry after \(seconds) s."
        case .internalError:
            "HubGate failed unexpectedly."
        }
    }

    /// A bounded label for metrics and logs.
    package var shortDescription: String {
        switch code {
        case .missingCredentials: "missing_credentials"
        case .unknownClientKey: "unknown_client_key"
        case .missingScope: "missing_scope"
        case .routeNotFound: "route_not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .invalidObjectType: "invalid_object_type"
        case .invalidObjectID: "invalid_object_id"
        case .invalidTypeID: "invalid_type_id"
        case .invalidJSON: "invalid_json"
        case .headerFieldsTooLarge: "header_fields_too_large"
        case .malformedRequest: "malformed_request"
        case .payloadTooLarge: "payload_too_large"
        case .upstreamUnreachable: "upstream_unreachable"
        case .upstreamTimeout, .readBeforeWriteFailed(timedOut: true): "upstream_timeout"
        case .upstreamConnectionLost, .readBeforeWriteFailed(timedOut: false): "upstream_connection_lost"
        case .shuttingDown: "shutting_down"
        case .clientClosedRequest: "client_closed_request"
        case .upstreamBudgetExhausted: "upstream_budget_exhausted"
        case .clientRateLimited: "client_rate_limited"
        case .internalError: "internal_error"
        }
    }

    package var description: String { "GatewayError.\(shortDescription)" }
}
