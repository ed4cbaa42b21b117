import Foundation

/// Turns JSON bytes into the v3 and v4 model types, mapping decoding failures to `TranslationError`:
/// a v3 request's failures become 400s naming the field (`inputs[0].from.id`), an upstream answer's a
/// 502.
package enum TranslationJSON {
    /// Decodes a v3 client's request body.
    package static func decodeRequest<Value: Decodable>(_ type: Value.Type, from bytes: some Collection<UInt8>) throws(TranslationError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw requestError(error)
        } catch {
            throw .invalidJSON
        }
    }

    /// Decodes an upstream v4 answer.
    package static func decodeResponse<Value: Decodable>(_ type: Value.Type, from bytes: some Collection<UInt8>) throws(TranslationError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                throw .invalidUpstreamResponse("missing \(path(context.codingPath + [key]))")
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                throw .invalidUpstreamResponse(context.codingPath.isEmpty ? "not the expected JSON" : "unexpected \(path(context.codingPath))")
            @unknown default:
                throw .invalidUpstreamResponse("not the expected JSON")
            }
        } catch {
            throw .invalidUpstreamResponse("not the expected JSON")
        }
    }

    /// Encodes a v3 answer or a v4 request.
    package static func encode(_ value: some Encodable) throws(TranslationError) -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(value))
        } catch {
            throw .invalidUpstreamResponse("not encodable")
        }
    }

    private static func requestError(_ error: DecodingError) -> TranslationError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(path(context.codingPath + [key]))
        case .valueNotFound(_, let context):
            // A body of `null` has no field to name.
            return context.codingPath.isEmpty ? .wrongType("", expected: "an object") : .missingField(path(context.codingPath))
        case .typeMismatch(let type, let context):
            return .wrongType(path(context.codingPath), expected: describe(type))
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? .invalidJSON : .wrongType(path(context.codingPath), expected: "a valid value")
        @unknown default:
            return .invalidJSON
        }
    }

    /// `inputs[0].from.id`.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is UInt64.Type: "an integer"
        case is Bool.Type: "a boolean"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
