/// Decoding helpers shared by the v3 and v4 models: HubSpot record ids arrive as strings or as JSON
/// integers, and error `context` values as string arrays or (in the seed spec's examples) bare strings.
extension KeyedDecodingContainer {
    /// A record id given as a JSON string or integer, as a string.
    func decodeRecordID(forKey key: Key) throws -> String {
        if let text = try? decode(String.self, forKey: key) { return text }
        if let number = try? decode(Int64.self, forKey: key) { return String(number) }
        if let number = try? decode(UInt64.self, forKey: key) { return String(number) }
        guard contains(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        if try decodeNil(forKey: key) {
            throw DecodingError.valueNotFound(String.self, .init(codingPath: codingPath + [key], debugDescription: "null"))
        }
        throw DecodingError.typeMismatch(String.self, .init(codingPath: codingPath + [key], debugDescription: "Expected a string or an integer id"))
    }

    /// An error `context`: `{key: [values]}`, tolerating `{key: value}`; nil when absent or unreadable.
    func decodeLenientContext(forKey key: Key) -> [String: [String]]? {
        if let context = try? decodeIfPresent([String: [String]].self, forKey: key) { return context }
        if let flat = try? decodeIfPresent([String: String].self, forKey: key) { return flat.mapValues { [$0] } }
        return nil
    }

    /// A string that HubSpot sometimes sends as another JSON type (`subCategory`): nil unless a string.
    func decodeLenientString(forKey key: Key) -> String? {
        (try? decodeIfPresent(String.self, forKey: key)) ?? nil
    }
}
