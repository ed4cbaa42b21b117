/// The v3 `batch/read` request (`{inputs: [{id, after?}]}`) read without `JSONDecoder`, for the same reason
/// and on the same terms as `V4BatchReadDecoding`: nil for anything unusual, and the caller falls
/// back to `TranslationJSON.decodeRequest`, which also writes the 400 naming the bad field.
enum V3BatchReadRequestDecoding {
    /// The request in `bytes`, or nil to fall back to the Codable path.
    static func decode(_ bytes: some Collection<UInt8>) -> V3.BatchInputPublicObjectId? {
        JSONScanner.withBuffer(of: bytes) { decode(buffer: $0) }
    }

    private static func decode(buffer: UnsafeBufferPointer<UInt8>) -> V3.BatchInputPublicObjectId? {
        var scanner = JSONScanner(buffer)
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var inputs: [V3.PublicObjectId]?
        let read = scanner.members { scanner, key in
            guard key == "inputs" else { return scanner.skipValue() }
            guard inputs == nil, scanner.consume(UInt8(ascii: "[")) else { return false }
            var objects: [V3.PublicObjectId] = []
            let readInputs = scanner.elements { scanner in
                guard let object = input(&scanner) else { return false }
                objects.append(object)
                return true
            }
            inputs = objects
            return readInputs
        }
        guard read, scanner.isAtEnd(), let inputs else { return nil }
        return V3.BatchInputPublicObjectId(inputs: inputs)
    }

    /// One `{id, after?}`; other members are skipped, as `JSONDecoder` would.
    private static func input(_ scanner: inout JSONScanner) -> V3.PublicObjectId? {
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var id: String?
        var after: String??
        let read = scanner.members { scanner, key in
            switch key {
            case "id":
                guard id == nil else { return false }
                id = scanner.recordID()
                return id != nil
            case "after":
                guard after == nil else { return false }
                after = scanner.nullable { $0.string() }
                return after != nil
            default:
                return scanner.skipValue()
            }
        }
        guard read, let id else { return nil }
        return V3.PublicObjectId(id: id, after: after ?? nil)
    }
}
