/// A translated v3 answer: the status code the v3 client must receive (reference §3.8: the official
/// clients reject any other) and the body.
package struct V3Answer<Body: Encodable & Hashable & Sendable>: Hashable, Sendable {
    /// 200, 201, 207 …
    package var statusCode: Int
    /// The JSON body.
    package var body: Body
    /// Types the upstream answer used that the catalog did not know: a sign that the cached labels
    /// are stale and should be refreshed. They were named with their derived names.
    package var unknownTypeKeys: Set<AssociationTypeKey>

    /// Creates an answer.
    package init(statusCode: Int, body: Body, unknownTypeKeys: Set<AssociationTypeKey> = []) {
        self.statusCode = statusCode
        self.body = body
        self.unknownTypeKeys = unknownTypeKeys
    }
}
