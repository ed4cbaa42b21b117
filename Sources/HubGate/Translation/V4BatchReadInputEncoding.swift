/// The v4 `batch/read` request body written without `JSONEncoder` (`{"inputs":[{"id":"1"},…]}`),
/// the v3 read's last Foundation cost after the two decoders. Same JSON value as `JSONEncoder`'s.
enum V4BatchReadInputEncoding {
    /// The body's JSON.
    static func encode(_ input: V4.BatchAssociationReadInput) -> [UInt8] {
        var writer = JSONWriter(capacity: 16 + input.inputs.count * 24)
        writer.raw("{")
        writer.key("inputs")
        writer.raw("[")
        for (index, item) in input.inputs.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{")
            writer.key("id")
            writer.string(item.id)
            if let after = item.after {
                writer.raw(",")
                writer.key("after")
                writer.string(after)
            }
            writer.raw("}")
        }
        writer.raw("]}")
        return writer.bytes
    }
}
