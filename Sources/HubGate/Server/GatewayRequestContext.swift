import NIOCore

/// What the forwarder needs of a request besides its head.
struct GatewayRequestContext: Sendable {
    /// The id sent back as `X-Request-Id` and used as `correlationId` in gateway errors.
    let requestID: String
    /// The client's connection, to notice it closing while the request waits (`ClientDisconnection`).
    let channel: any Channel
    /// The request's body as read before it was served (`RequestDispatchHandler`): whole, or cut off
    /// just past the body limit.
    let body: ByteBuffer
}
