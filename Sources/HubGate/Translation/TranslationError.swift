import HubSpotModel

/// Why a v3 request cannot be translated (400 `VALIDATION_ERROR`, nothing sent upstream), or why an
/// upstream v4 answer cannot be read (502).
///
/// Messages echo only bounded, sanitised client input.
package struct TranslationError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalidJSON
        case missingField(path: String)
        case wrongType(path: String, expected: String)
        case emptyInputs
        case tooManyInputs(count: Int, limit: Int)
        case invalidObjectID(path: String, value: String)
        case unknownAssociationType(name: String, from: String, to: String)
        case invalidUpstreamResponse(String)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// The body is not JSON at all.
    package static let invalidJSON = TranslationError(.invalidJSON)
    /// A required field is absent or null (`inputs[0].type`).
    package static func missingField(_ path: String) -> TranslationError { TranslationError(.missingField(path: EchoedClientText.bounded(path))) }
    /// A field has the wrong JSON type.
    package static func wrongType(_ path: String, expected: String) -> TranslationError {
        TranslationError(.wrongType(path: EchoedClientText.bounded(path), expected: expected))
    }
    /// `inputs` is an empty array.
    package static let emptyInputs = TranslationError(.emptyInputs)
    /// More inputs than HubSpot accepts in one batch.
    package static func tooManyInputs(count: Int, limit: Int) -> TranslationError { TranslationError(.tooManyInputs(count: count, limit: limit)) }
    /// A record id that is not a decimal number.
    package static func invalidObjectID(_ path: String, value: String) -> TranslationError {
        TranslationError(.invalidObjectID(path: EchoedClientText.bounded(path), value: EchoedClientText.bounded(value)))
    }
    /// A v3 type name the object pair does not have.
    package static func unknownAssociationType(_ name: String, from: ObjectType, to: ObjectType) -> TranslationError {
        TranslationError(.unknownAssociationType(name: EchoedClientText.bounded(name), from: from.singularName, to: to.singularName))
    }
    /// The upstream answered 2xx with a body HubGate cannot read.
    package static func invalidUpstreamResponse(_ what: String) -> TranslationError { TranslationError(.invalidUpstreamResponse(EchoedClientText.bounded(what))) }

    /// The HTTP status code the v3 client receives.
    package var statusCode: Int {
        switch code {
        case .invalidUpstreamResponse: 502
        default: 400
        }
    }

    /// HubSpot's error category.
    package var category: String {
        switch code {
        case .invalidUpstreamResponse: HubSpotErrorCategory.badGateway
        default: HubSpotErrorCategory.validation
        }
    }

    /// The sentence for the client.
    package var message: String {
        switch code {
        case .invalidJSON:
            "Invalid input JSON: the request body is not valid JSON."
        case .missingField(let path):
            "Invalid input JSON: the required field '\(path)' is missing."
        case .wrongType(let path, let expected):
            path.isEmpty ? "Invalid input JSON: the request body must be \(expected)." : "Invalid input JSON: '\(path)' must be \(expected)."
        case .emptyInputs:
            "The batch has no inputs; send at least one."
        case .tooManyInputs(let count, let limit):
            "The maximum number of inputs supported in a batch is \(limit); got \(count)."
        case .invalidObjectID(let path, let value):
            "Object ids must be numeric; '\(path)' is '\(value)'."
        case .unknownAssociationType(let name, let from, let to):
            "Unknown association type '\(name)' from \(from) to \(to)."
        case .invalidUpstreamResponse(let what):
            "HubSpot's answer could not be translated: \(what)."
        }
    }

    /// `context` for the error body: the offending field, value or type name.
    package var context: [String: [String]]? {
        switch code {
        case .invalidJSON, .emptyInputs, .invalidUpstreamResponse: nil
        case .missingField(let path): [path: ["required"]]
        case .wrongType(let path, let expected): [path.isEmpty ? "body" : path: [expected]]
        case .tooManyInputs(let count, let limit): ["inputs": [String(count)], "limit": [String(limit)]]
        case .invalidObjectID(let path, let value): [path: [value]]
        case .unknownAssociationType(let name, let from, let to): ["type": [name], "fromObjectType": [from], "toObjectType": [to]]
        }
    }

    /// A bounded label for metrics and logs.
    package var shortDescription: String {
        switch code {
        case .invalidJSON: "invalid_json"
        case .missingField: "missing_field"
        case .wrongType: "wrong_type"
        case .emptyInputs: "empty_inputs"
        case .tooManyInputs: "too_many_inputs"
        case .invalidObjectID: "invalid_object_id"
        case .unknownAssociationType: "unknown_association_type"
        case .invalidUpstreamResponse: "invalid_upstream_response"
        }
    }

    /// The HubSpot-shaped body for this error.
    package func errorBody(correlationID: String) -> HubSpotErrorBody {
        HubSpotErrorBody(message: message, correlationId: correlationID, category: category, context: context)
    }

    /// `TranslationError.<shortDescription>`, for logs.
    package var description: String { "TranslationError.\(shortDescription)" }
}
