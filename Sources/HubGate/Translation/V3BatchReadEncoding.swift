/// The v3 `batch/read` answer written without `JSONEncoder`: the common case (no errors) is the
/// hottest translated answer, and this writer produces the same JSON object, keys in schema order.
enum V3BatchReadEncoding {
    /// The answer's JSON, or nil when it carries `errors` (rare; those go through `JSONEncoder`).
    static func encode(_ answer: V3.BatchResponsePublicAssociationMulti) -> [UInt8]? {
        guard answer.errors == nil else { return nil }
        var writer = JSONWriter(capacity: 128 + answer.results.count * 96)
        writer.raw("{")
        writer.key("status")
        writer.string(answer.status)
        writer.raw(",")
        writer.key("results")
        writer.raw("[")
        for (index, result) in answer.results.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{")
            writer.key("from")
            writer.raw("{")
            writer.key("id")
            writer.string(result.from.id)
            writer.raw("},")
            writer.key("to")
            writer.raw("[")
            for (toIndex, associated) in result.to.enumerated() {
                if toIndex > 0 { writer.raw(",") }
                writer.raw("{")
                writer.key("id")
                writer.string(associated.id)
                writer.raw(",")
                writer.key("type")
                writer.string(associated.type)
                writer.raw("}")
            }
            writer.raw("]")
            if let next = result.paging?.next {
                writer.raw(",")
                writer.key("paging")
                writer.raw("{")
                writer.key("next")
                writer.raw("{")
                var needsComma = false
                if let after = next.after {
                    writer.key("after")
                    writer.string(after)
                    needsComma = true
                }
                if let link = next.link {
                    if needsComma { writer.raw(",") }
                    writer.key("link")
                    writer.string(link)
                }
                writer.raw("}}")
            }
            writer.raw("}")
        }
        writer.raw("]")
        if let numErrors = answer.numErrors {
            writer.raw(",")
            writer.key("numErrors")
            writer.integer(numErrors)
        }
        if let requestedAt = answer.requestedAt {
            writer.raw(",")
            writer.key("requestedAt")
            writer.string(requestedAt)
        }
        writer.raw(",")
        writer.key("startedAt")
        writer.string(answer.startedAt)
        writer.raw(",")
        writer.key("completedAt")
        writer.string(answer.completedAt)
        writer.raw("}")
        return writer.bytes
    }
}
