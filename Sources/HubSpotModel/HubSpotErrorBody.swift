/// The JSON body of every HubSpot error response, and of every error HubGate makes itself.
///
/// HubSpot's fields are all optional when parsing ("should all be treated as optional"); when HubGate
/// writes one, `status`, `message`, `correlationId` and `category` are always present.
package struct HubSpotErrorBody: Codable, Sendable, Equatable {
    /// One entry of `errors`.
    package struct Detail: Codable, Sendable, Equatable {
        package var message: String
        package var code: String?
        package var subCategory: String?
        package var `in`: String?
        package var context: [String: [String]]?

        package init(message: String, code: String? = nil, subCategory: String? = nil, in: String? = nil, context: [String: [String]]? = nil) {
            self.message = message
            self.code = code
            self.subCategory = subCategory
            self.in = `in`
            self.context = context
        }
    }

    /// Always `"error"`.
    package var status: String
    /// A sentence for a person.
    package var message: String
    /// A UUID naming this failure; HubGate uses the request id.
    package var correlationId: String
    /// HubSpot's error category (`VALIDATION_ERROR`, `RATE_LIMITS`, …).
    package var category: String
    package var subCategory: String?
    package var context: [String: [String]]?
    package var errors: [Detail]?
    package var links: [String: String]?
    /// On 429s: which limit (`TEN_SECONDLY_ROLLING`, `SECONDLY`, `DAILY`).
    package var policyName: String?
    /// On 429s: `RATE_LIMIT`.
    package var errorType: String?

    package init(
        message: String,
        correlationId: String,
        category: String,
        subCategory: String? = nil,
        context: [String: [String]]? = nil,
        errors: [Detail]? = nil,
        links: [String: String]? = nil,
        policyName: String? = nil,
        errorType: String? = nil
    ) {
        self.status = "error"
        self.message = message
        self.correlationId = correlationId
        self.category = category
        self.subCategory = subCategory
        self.context = context
        self.errors = errors
        self.links = links
        self.policyName = policyName
        self.errorType = errorType
    }
}

/// Error categories HubSpot uses and HubGate reuses.
package enum HubSpotErrorCategory {
    package static let validation = "VALIDATION_ERROR"
    package static let objectNotFound = "OBJECT_NOT_FOUND"
    package static let rateLimits = "RATE_LIMITS"
    package static let invalidAuthentication = "INVALID_AUTHENTICATION"
    package static let missingScopes = "MISSING_SCOPES"
    package static let resourceNotFound = "RESOURCE_NOT_FOUND"
    package static let unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    package static let payloadTooLarge = "PAYLOAD_TOO_LARGE"
    package static let badGateway = "BAD_GATEWAY"
    package static let gatewayTimeout = "GATEWAY_TIMEOUT"
    package static let serviceUnavailable = "SERVICE_UNAVAILABLE"
    package static let internalError = "INTERNAL_ERROR"
}
