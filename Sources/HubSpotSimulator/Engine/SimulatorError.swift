import HTTPTypes
import HubSpotModel

/// A HubSpot-shaped failure a handler raises; the engine turns it into the one error body format.
package struct SimulatorError: Error, Sendable {
    /// The HTTP status.
    package var status: HTTPResponse.Status
    /// HubSpot's `message`.
    package var message: String
    /// HubSpot's `category`.
    package var category: String
    /// HubSpot's `subCategory`.
    package var subCategory: String? = nil
    /// HubSpot's `context`.
    package var context: [(String, [String])] = []
    /// On 429s: which limit.
    package var policyName: String? = nil
    /// On 429s: `RATE_LIMIT`.
    package var errorType: String? = nil

    /// A 400 `VALIDATION_ERROR`.
    package static func validation(_ message: String, context: [(String, [String])] = []) -> SimulatorError {
        SimulatorError(status: .badRequest, message: message, category: HubSpotErrorCategory.validation, context: context)
    }

    /// The 400 HubSpot answers for an object type it cannot parse.
    package static func unknownObjectType(_ segment: String) -> SimulatorError {
        .validation("Unable to infer object type from: \(segment)")
    }

    /// The 400 for a malformed JSON body.
    package static func invalidJSON(_ detail: String) -> SimulatorError {
        .validation("Invalid input JSON on line 1: \(detail)")
    }

    /// The 404 for a path no route matches.
    package static func notFound(path: String) -> SimulatorError {
        SimulatorError(status: .notFound, message: "Unable to route request: no endpoint at \(path)", category: HubSpotErrorCategory.resourceNotFound)
    }

    /// The JSON body, with the correlation id the response also carries in its header.
    package func body(correlationID: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("status", .string("error")),
            ("message", .string(message)),
        ]
        if let errorType { members.append(("errorType", .string(errorType))) }
        members.append(("correlationId", .string(correlationID)))
        if let policyName { members.append(("policyName", .string(policyName))) }
        if !context.isEmpty {
            members.append(("context", .object(context.map { ($0.0, .array($0.1.map(JSONValue.string))) })))
        }
        members.append(("category", .string(category)))
        if let subCategory { members.append(("subCategory", .string(subCategory))) }
        return .object(members)
    }
}
