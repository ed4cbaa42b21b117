import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// A client connection as Hummingbird's `HTTP1Channel` sets it up, plus `EventLoopAnswerHandler`
/// placed right after Hummingbird's `HTTPConnectionStateHandler` rather than before it (where
/// `additionalChannelHandlers` go).
///
/// The state handler counts the requests in progress on the connection: graceful shutdown closes a
/// connection once none is, and an idle timeout would close one that saw no traffic. Placed before
/// it, the handler's answers went past it unseen, so a connection busy with event-loop answers looked
/// idle, and one waiting for a refused call's body could be closed by a shutdown before its answer.
///
/// `ConnectionCloseMarker` goes right before Hummingbird's HTTPTypes codec, the last place that still
/// sees the request's HTTP version; `LingeringCloseHandler` and `ClientGoneWatcher` right before
/// Hummingbird, where they see the requests and answers of the ordinary path only.
struct GatewayChildChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    /// Hummingbird's HTTP/1.1 connection setup and request handling.
    let http1: HTTP1Channel
    /// What every connection's handler answers with.
    let answerer: EventLoopAnswerHandler.Answerer

    /// Sets the connection up as `HTTP1Channel` does, then inserts the event-loop answer handler, the
    /// `Connection: close` marker, the lingering close and the client-gone watcher.
    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let answerer = self.answerer
        return http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            // Still on the event loop before the first read: the future above is already complete.
            let pipeline = channel.pipeline.syncOperations
            let state = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            let answers = EventLoopAnswerHandler(answerer: answerer)
            try pipeline.addHandler(answers, position: .after(state))
            let lingering = LingeringCloseHandler()
            try pipeline.addHandler(lingering, position: .after(answers))
            try pipeline.addHandler(ClientGoneWatcher(), position: .after(lingering))
            let codec = try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)
            try pipeline.addHandler(ConnectionCloseMarker(), position: .before(codec))
            return value
        }
    }

    /// Serves the connection's requests with Hummingbird.
    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
