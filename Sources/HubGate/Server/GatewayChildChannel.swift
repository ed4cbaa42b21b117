import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// A client connection's pipeline, and what Hummingbird's server waits on for it.
///
/// The HTTP/1.1 codec, the HTTPTypes conversion and Hummingbird's `HTTPConnectionStateHandler` (idle
/// timeout, graceful shutdown) as Hummingbird's `HTTP1Channel` sets them up, then HubGate's handlers;
/// requests are served by `RequestDispatchHandler` at the end of the pipeline instead of a
/// Hummingbird request loop in a task per connection (why: `RequestDispatchHandler`).
///
/// - `ConnectionCloseMarker` right before the HTTPTypes conversion, the last place that still sees
///   the request's HTTP version;
/// - `EventLoopAnswerHandler` after the state handler, so the state handler counts its answers: it
///   closes a connection on graceful shutdown once no request is in progress, and on an idle timeout
///   once none was for that long;
/// - `LingeringCloseHandler`, `ClientGoneWatcher` and `RequestDispatchHandler` after it, where they
///   see the requests and answers of the ordinary path only.
struct GatewayChildChannel: ServerChildChannel {
    /// A set-up connection: done once it has closed and its last request has been answered.
    struct Value: ServerChildChannelValue {
        /// The client's connection.
        let channel: any Channel
        /// Succeeds once the connection has closed and none of its requests is being served.
        let finished: EventLoopFuture<Void>
    }

    /// What every connection's requests are answered with, on the event loop or in a task.
    let responder: GatewayResponder
    /// Closes a connection idle for this long; nil: never.
    let idleTimeout: Duration?
    /// Every connection set up here until it finishes, for the listener's graceful shutdown.
    let connections: OpenConnections

    /// Builds the connection's pipeline; on the event loop, before the first read.
    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // Hummingbird's `HTTP1Channel` limits.
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldCount = 1000
            // NIO keeps each connection's read buffer between reads, 2 KB to start with. An
            // associations call's head and body mostly fit in 1 KB (nginx's client_header_buffer_size
            // is 1 KB for the same reason); a larger one takes another read and grows the buffer.
            try channel.syncOptions?.setOption(
                ChannelOptions.recvAllocator,
                value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 1024, maximum: 65536)
            )
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false,  // RequestDispatchHandler answers in order itself
                withErrorHandling: false,  // EventLoopAnswerHandler answers unparsable bytes
                withOutboundHeaderValidation: false,  // HTTPTypes validates fields already
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: limits
            )
            try pipeline.addHandler(ConnectionCloseMarker())
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: idleTimeout, logger: logger))
            try pipeline.addHandler(EventLoopAnswerHandler(answerer: responder))
            try pipeline.addHandler(LingeringCloseHandler())
            try pipeline.addHandler(ClientGoneWatcher())
            let finished = channel.eventLoop.makePromise(of: Void.self)
            do {
                try pipeline.addHandler(RequestDispatchHandler(responder: responder, finished: finished))
            } catch {
                finished.fail(error)
                throw error
            }
            let connections = self.connections
            connections.opened()
            finished.futureResult.whenComplete { _ in connections.finished() }
            return Value(channel: channel, finished: finished.futureResult)
        }
    }

    /// Returns at once: the connection needs no task of its own while it is open (a suspended task
    /// kept about 1.3 KB of every connection). Its requests are served in tasks of their own, and
    /// graceful shutdown waits for it through `connections` (`GatewayListener`).
    func handle(value: Value, logger: Logger) async {}
}
