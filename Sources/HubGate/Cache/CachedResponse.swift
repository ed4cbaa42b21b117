/// An upstream 200 answer as the cache keeps it: what a client needs to get the same answer again.
package struct CachedResponse: Sendable, Equatable {
    /// The HTTP status (only 200s are cached today).
    package var status: Int
    /// `Content-Type` of the body.
    package var contentType: String
    /// The body bytes, exactly as HubSpot sent them.
    package var body: [UInt8]

    /// Creates a cached answer.
    package init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}
