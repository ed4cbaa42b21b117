/// The JSON body of every HubSpot error response, and of every error HubGate makes itself.
///
/// HubSpot's fields are all optional when parsing ("should all be treated as optional"); when HubGate
/// writes one, `status`, `message`, `correlationId` and `category` are always present.
package struct HubSpotErrorBody: Codable, Sendable, Equatable {
    /// One entry of `errors`.
    package struct Detail: Codable, Sendable, Equatable {
        /// A sentence for a person.
        package var message: String
        /// A machine-readable code.
        package var code: String?
        /// A finer category.
        package var subCategory: String?
        /// Where in the request the problem is.
        package var `in`: String?
        /// Values involved, by name.
        package var context: [String: [String]]?

        /// Creates one error detail.
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
    /// A finer category (`crm.associations.NO_ASSOCIATIONS_FOUND`).
    package var subCategory: String?
    /// Values involved, by name (`{"fromObjectId": ["1"]}`).
    package var context: [String: [String]]?
    /// Individual problems.
    package var errors: [Detail]?
    /// Related documentation, by name.
    package var links: [String: String]?
    /// On 429s: which limit (`TEN_SECONDLY_ROLLING`, `SECONDLY`, `DAILY`).
    package var policyName: String?
    /// On 429s: `RATE_LIMIT`.
    package var errorType: String?

    /// Creates an error body; `status` is always `"error"`.
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
    /// Bad input (HubSpot's own category).
    package static let validation = "VALIDATION_ERROR"
    /// A record or association that does not exist (HubSpot's own category).
    package static let objectNotFound = "OBJECT_NOT_FOUND"
    /// A rate limit was hit (HubSpot's own category).
    package static let rateLimits = "RATE_LIMITS"
    /// Missing or unknown credentials (HubSpot's own category).
    package static let invalidAuthentication = "INVALID_AUTHENTICATION"
    /// Valid credentials without the needed scope (HubSpot's own category).
    package static let missingScopes = "MISSING_SCOPES"
    /// No such operation (gateway-made).
    package static let resourceNotFound = "RESOURCE_NOT_FOUND"
    /// A body in a format the operation does not take (gateway-made).
    package static let unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    /// A body over the size limit (gateway-made).
    package static let payloadTooLarge = "PAYLOAD_TOO_LARGE"
    /// HubSpot unreachable or the connection lost (gateway-made).
    package static let badGateway = "BAD_GATEWAY"
    /// HubSpot did not answer in time (gateway-made).
    package static let gatewayTimeout = "GATEWAY_TIMEOUT"
    /// The gateway cannot take the call now (gateway-made).
    package static let serviceUnavailable = "SERVICE_UNAVAILABLE"
    /// A failure inside the gateway (gateway-made).
    package static let internalError = "INTERNAL_ERROR"
}
