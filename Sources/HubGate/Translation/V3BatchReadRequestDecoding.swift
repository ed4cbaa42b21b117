/// The v3 `batch/read` request (`{inputs: [{id}]}`) read without `JSONDecoder`, for the same reason
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
                guard let id = scanner.objectReferenceID() else { return false }
                objects.append(V3.PublicObjectId(id: id))
                return true
            }
            inputs = objects
            return readInputs
        }
        guard read, scanner.isAtEnd(), let inputs else { return nil }
        return V3.BatchInputPublicObjectId(inputs: inputs)
    }
}
