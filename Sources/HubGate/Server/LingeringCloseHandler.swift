import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Reads and discards the rest of a request body after its answer, when the connection closes after
/// that answer: the "lingering close" of nginx and Apache.
///
/// HubGate may answer before a body has arrived (413 for an oversized body, 429, 401). On a
/// keep-alive connection `RequestDispatchHandler` then reads the rest to reach the next request;
/// after a `Connection: close` request it only half-closes. A client that writes its whole
/// body before it reads (Python's urllib and requests, most synchronous clients) then blocked on a
/// full socket until its own timeout and never saw the answer. Discarding what still comes lets it
/// finish writing and read the answer; the connection closes once the body has ended, or after
/// `limit` at the latest, so a client that never stops cannot hold it.
///
/// One per connection, between `EventLoopAnswerHandler` and `RequestDispatchHandler` (`GatewayChildChannel`):
/// it sees every request and answer of the ordinary path, and none of the event loop's, which never
/// leave a body unread.
final class LingeringCloseHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long the handler keeps discarding before it closes anyway (nginx's `lingering_time`).
    static let defaultLimit = TimeAmount.seconds(30)

    private let limit: TimeAmount
    /// Request heads seen, and answers ended: answers leave in request order, so the n-th answer's
    /// end answers the n-th request.
    private var requestsRead = 0
    private var answersEnded = 0
    /// The number of the request after which the connection closes, while its body has not ended.
    private var closingRequestUnread: Int?
    /// Set while discarding: the close that ends it at the latest.
    private var closeTask: Scheduled<Void>?

    /// Creates the handler for one connection; it closes the connection `limit` after it starts
    /// discarding at the latest.
    init(limit: TimeAmount = LingeringCloseHandler.defaultLimit) {
        self.limit = limit
    }

    /// Notes closing requests and their end; discards their parts once they are answered.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestsRead += 1
            if head.closesConnection {
                closingRequestUnread = requestsRead
            }
        case .body:
            if closeTask != nil { return }
        case .end:
            if let closeTask {
                closeTask.cancel()
                self.closeTask = nil
                closingRequestUnread = nil
                // The answer is out and the output half-closed: nothing else will come.
                context.close(promise: nil)
                return
            }
            if closingRequestUnread == requestsRead {
                closingRequestUnread = nil
            }
        }
        context.fireChannelRead(data)
    }

    /// Keeps reading while discarding, whether or not the handlers after it ask for reads.
    func channelReadComplete(context: ChannelHandlerContext) {
        if closeTask != nil {
            context.read()
        }
        context.fireChannelReadComplete()
    }

    /// Starts discarding when a closing request's answer ends before its body did.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(data, promise: promise)
        guard case .end = unwrapOutboundIn(data) else { return }
        answersEnded += 1
        guard answersEnded == closingRequestUnread, closeTask == nil else { return }
        closeTask = context.eventLoop.assumeIsolated().scheduleTask(in: limit) {
            context.close(promise: nil)
        }
        context.read()
    }

    /// Cancels a pending close when the connection goes first.
    func handlerRemoved(context: ChannelHandlerContext) {
        closeTask?.cancel()
        closeTask = nil
    }
}

@available(*, unavailable)
extension LingeringCloseHandler: Sendable {}
