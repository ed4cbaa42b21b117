import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers on the event loop that read them the requests that need no waiting, without a task:
/// fresh memory-tier cache hits (a lookup and a write: about half the CPU of a hit served from a
/// task), and calls from a client over its own share (a runaway client is turned away for the cost
/// of a key check, and holds no task or request memory while it hammers). Every other request, and
/// every part of it, passes on unchanged to `RequestDispatchHandler`. It also answers bytes that do
/// not parse as a request.
///
/// One per connection, placed after the HTTP codec and Hummingbird's connection-state handler
/// (`GatewayChildChannel`), so idle timeouts and graceful shutdown see its answers. HTTP/1.1 answers
/// must leave in request order, so the handler answers only while no earlier request on the
/// connection is still waiting for its answer, and lets `Connection: close` requests through
/// (`RequestDispatchHandler` closes after answering them).
final class EventLoopAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// A request the handler took on at its head, answered (or passed on) at its end.
    private enum Pending {
        /// A GET a fresh memory entry may answer; passed on if a body part arrives.
        case memoryHit(HTTPRequest, AuthenticatedClient, receivedAt: ContinuousClock.Instant)
        /// A refused call: its body parts are dropped.
        case refusal(HTTPRequest, EventLoopAnswer, requestID: String, receivedAt: ContinuousClock.Instant)
    }

    /// The forwarder's checks, accounting and dates, shared by every connection.
    private let answerer: GatewayResponder
    private var pending: Pending?
    /// Requests passed on whose answers have not ended yet.
    private var unanswered = 0
    /// The last request passed on has not ended: nothing after this handler will answer it if the
    /// bytes that follow do not parse.
    private var isPassedRequestOpen = false
    /// Bytes that do not parse arrived while answers were owed: answered once those have left.
    private var parseErrorOwed: GatewayError?

    /// Creates the handler for one connection.
    init(answerer: GatewayResponder) {
        self.answerer = answerer
    }

    /// Takes on what it can answer at the head; answers it at its end, or passes everything on.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            if unanswered == 0, Self.expectsContinue(head) {
                if answerer.forwarder.refusesBeforeBody(head) {
                    // The refusal takes the place of `100 Continue` (RFC 9110 §10.1.1), answered at
                    // the head by `RequestDispatchHandler`. The client may then never send the body
                    // it announced, so the connection ends after the answer: what would follow is
                    // either that body or the next request, and nothing tells them apart.
                    head.headerFields[.connection] = "close"
                } else {
                    // Nothing else answers `Expect: 100-continue`, so such a client (curl, Guzzle
                    // with large bodies) would wait for its own timeout, a second for curl, before
                    // sending the body. Every request here is read to its end, so it may as well
                    // come at once.
                    context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
                }
            }
            if unanswered == 0, !head.closesConnection, let plan = answerer.forwarder.plan(for: head) {
                let receivedAt = answerer.clock.now
                switch plan {
                case .refuse(let answer, let requestID):
                    pending = .refusal(head, answer, requestID: requestID, receivedAt: receivedAt)
                case .tryMemoryHit(let client):
                    pending = .memoryHit(head, client, receivedAt: receivedAt)
                }
                return
            }
            passOn(head, context: context)
        case .body:
            switch pending {
            case .refusal:
                return
            case .memoryHit:
                // A body on a GET is unusual enough to leave to the ordinary path.
                releasePending(context: context)
            case nil:
                break
            }
            context.fireChannelRead(data)
        case .end:
            switch pending {
            case .refusal(let head, let answer, let requestID, let receivedAt):
                pending = nil
                self.answer(method: head.method.rawValue, with: answer, requestID: requestID, receivedAt: receivedAt, context: context)
                return
            case .memoryHit(let head, let client, let receivedAt):
                pending = nil
                let requestID = RequestID.make()
                if let hit = answerer.forwarder.memoryHit(for: head, client: client, requestID: requestID) {
                    answer(method: head.method.rawValue, with: hit, requestID: requestID, receivedAt: receivedAt, context: context)
                    return
                }
                passOn(head, context: context)
            case nil:
                break
            }
            isPassedRequestOpen = false
            context.fireChannelRead(data)
        }
    }

    /// Counts answers to passed-on requests as they end.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        unanswered -= 1
        context.write(data, promise: promise)
        if let error = parseErrorOwed, isOwedNothingAnswerable {
            parseErrorOwed = nil
            answerUnparsable(error, context: context)
        }
    }

    /// Answers bytes that do not parse as a request (a request line or header section over the
    /// parser's limits, or not HTTP at all) with a HubSpot-shaped error and closes, as every other
    /// error HubGate makes is answered (NIO's own error handler would send a bare 400). When earlier
    /// requests are still owed their answers, which must leave first, it answers after them; a
    /// request whose body the bad bytes cut off is never answered, and neither are requests sent
    /// after one that closes the connection.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if case .closedConnection = parserError {
            // Bytes after a request that closes the connection: HTTP says they are not to be
            // processed (RFC 9112 §9.6), so they are not answered either; the connection closes
            // once the closing request's answer has left.
            return
        }
        pending = nil
        let gatewayError: GatewayError = if case .headerOverflow = parserError { .headerFieldsTooLarge } else { .malformedRequest }
        if isOwedNothingAnswerable {
            answerUnparsable(gatewayError, context: context)
        } else {
            parseErrorOwed = gatewayError
        }
    }

    /// No request passed on is still owed an answer that will come: none, or only one that the bad
    /// bytes cut off.
    private var isOwedNothingAnswerable: Bool {
        unanswered == (isPassedRequestOpen ? 1 : 0)
    }

    private func answerUnparsable(_ gatewayError: GatewayError, context: ChannelHandlerContext) {
        let requestID = RequestID.make()
        var response = HubSpotErrorResponse.ready(for: gatewayError, requestID: requestID)
        response.headers[.connection] = "close"
        let answer = EventLoopAnswer(response: response, client: nil, operation: nil, cacheStatus: nil)
        // No request line to take a method from: the access log's usual placeholder.
        self.answer(method: "-", with: answer, requestID: requestID, receivedAt: answerer.clock.now, context: context)
        context.close(promise: nil)
    }

    /// Gives a pending head back to the pipeline if the handler is removed mid-request.
    func handlerRemoved(context: ChannelHandlerContext) {
        releasePending(context: context)
    }

    private func releasePending(context: ChannelHandlerContext) {
        switch pending {
        case .memoryHit(let head, _, _), .refusal(let head, _, _, _):
            pending = nil
            passOn(head, context: context)
        case nil:
            break
        }
    }

    private func passOn(_ head: HTTPRequest, context: ChannelHandlerContext) {
        unanswered += 1
        isPassedRequestOpen = true
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    private func answer(
        method: String,
        with answer: EventLoopAnswer,
        requestID: String,
        receivedAt: ContinuousClock.Instant,
        context: ChannelHandlerContext
    ) {
        answerer.accountant.started()
        var head = answer.response.head(requestID: requestID)
        head.headerFields[.date] = answerer.dates.now()
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(answer.response.body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        answerer.account(answer, requestID: requestID, method: method, since: receivedAt)
    }

    /// Whether the client waits for `100 Continue` before sending the body.
    static func expectsContinue(_ head: HTTPRequest) -> Bool {
        guard let expect = head.headerFields[.expect] else { return false }
        return expect.lowercased() == "100-continue"
    }
}

@available(*, unavailable)
extension EventLoopAnswerHandler: Sendable {}
