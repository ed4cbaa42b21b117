import Hummingbird
import NIOCore

/// Per-request state the gateway's middleware fills in for the handlers after it.
package struct GatewayRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    package var coreContext: CoreRequestContextStorage
    /// The id sent back as `X-Request-Id` and used as `correlationId` in gateway errors.
    package var requestID: String = ""
    /// The client's connection, to notice it closing while the request waits (`ClientDisconnection`).
    package let channel: any Channel
    /// The request's body as read before it was served (`RequestDispatchHandler`): whole, or cut off
    /// just past the body limit.
    package var body = ByteBuffer()

    /// Creates the context for a new request.
    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
