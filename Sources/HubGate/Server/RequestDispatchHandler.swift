import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Serves each request that reaches the end of a client connection's pipeline in a task of its own,
/// and writes its answer: the work of Hummingbird's per-connection request loop, without a task per
/// connection.
///
/// Hummingbird serves a connection from one task that lives as long as the connection, and a Swift
/// task keeps every allocator slab its deepest call stack ever needed until it ends: about 5.5 KB of
/// every idle connection, and 8.4 KB more once it has made one call, for as long as it stays open.
/// Here an idle connection holds its channel handlers and nothing else, and a request's task, with
/// all of its memory, ends with its answer. A call certain to go upstream waits for its turn of the
/// shared budget before its task starts (`GatewayResponder.queueForTurn`), and a refused one is
/// answered here without a task, as is a request that fails a check (`V4Forwarder.check`).
///
/// What Hummingbird's loop guaranteed holds here too:
/// - one request at a time, answers in request order: a pipelined request waits, and the socket is
///   not read further once it has arrived, until the answer before it has been written;
/// - the body is read to its end before the request is served, bounded by `maxBodyBytes`: a body
///   that announces or reaches more is served at once (and refused, after the key check, as the
///   ordinary path refuses it) while the rest is read and dropped;
/// - the connection closes after the answer to a request that asks for it (`Connection: close`,
///   HTTP/1.0) and after the client closed its side; an answer still owed is written first.
///
/// One per connection, last in the pipeline (`GatewayChildChannel`).
final class RequestDispatchHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The request being read or served.
    private struct Current {
        var head: HTTPRequest
        var body: ByteBuffer?
        let maxBodyBytes: Int
        /// Handed to a task.
        var isDispatched = false
        /// Its `end` has been read.
        var isRead = false
        /// Its answer has been written.
        var isAnswered = false

        var bodyBytes: Int { body?.readableBytes ?? 0 }

        /// Copies rather than keeps the part: it is a slice of the decoder's read buffer, which a
        /// request waiting for the upstream budget would otherwise keep whole (up to 64 KB).
        mutating func append(_ buffer: ByteBuffer) {
            if body == nil {
                body = ByteBufferAllocator().buffer(capacity: buffer.readableBytes)
            }
            body!.writeImmutableBuffer(buffer)
        }
    }

    private let responder: GatewayResponder
    private let finished: EventLoopPromise<Void>
    private var current: Current?
    /// Parts of pipelined requests that arrived while an answer was owed. An array, which allocates
    /// nothing until used: pipelining is rare, and a ring buffer took 2 KB of every connection.
    private var queued: [HTTPRequestPart] = []
    /// A `read` held back while an answer is owed.
    private var isReadHeld = false
    /// No further request is served: the connection closes after the current answer.
    private var isClosing = false
    /// The client closed its side.
    private var isInputClosed = false
    private var isActive = true
    private var isFinished = false

    /// Creates the handler for one connection; `finished` succeeds once the connection has closed
    /// and no request of it is still being served.
    init(responder: GatewayResponder, finished: EventLoopPromise<Void>) {
        self.responder = responder
        self.finished = finished
    }

    /// Reads a request to its end and serves it; queues a pipelined request until its turn.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isClosing else { return }
        let part = unwrapInboundIn(data)
        if isAwaitingAnswer || !queued.isEmpty {
            queued.append(part)
            return
        }
        read(part, context: context)
    }

    /// Holds the socket's reads back once a pipelined request waits for its turn, so a pipelining
    /// client cannot queue more than one read's worth; the kernel's socket buffer holds the rest.
    ///
    /// Not before: a client that waits for each answer (nearly every client) would otherwise have
    /// the socket's read interest dropped and re-armed around every call, two `epoll_ctl` calls
    /// per request, while the read it would hold back has nothing to read anyway.
    func read(context: ChannelHandlerContext) {
        if !queued.isEmpty {
            isReadHeld = true
            return
        }
        context.read()
    }

    /// Closes an idle connection whose client closed its side; a busy one closes after its answer.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            isInputClosed = true
            if current == nil, queued.isEmpty {
                context.close(promise: nil)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Notes the connection gone; it is finished unless a request is still being served.
    func channelInactive(context: ChannelHandlerContext) {
        isActive = false
        finishIfIdle()
        context.fireChannelInactive()
    }

    /// Closes the connection on a read or write error; a parse error was answered before it got here.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Finishes the connection if it is torn down without closing first.
    func handlerRemoved(context: ChannelHandlerContext) {
        isActive = false
        finishIfIdle()
    }

    /// An answer is owed for a request read to its end.
    private var isAwaitingAnswer: Bool {
        guard let current else { return false }
        return current.isRead && !current.isAnswered
    }

    private func read(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head):
            let maxBodyBytes = responder.maxBodyBytes
            current = Current(head: head, maxBodyBytes: maxBodyBytes)
            if V4Forwarder.announcesBody(in: head.headerFields, over: maxBodyBytes) {
                dispatch(context: context)
            } else if head.closesConnection, EventLoopAnswerHandler.expectsContinue(head), responder.forwarder.refusesBeforeBody(head) {
                // Its client waits for `100 Continue` and gets the refusal instead, now. Only on a
                // closing connection (`EventLoopAnswerHandler` makes it one): on a kept one, a client
                // that never sends the body it announced would have its next request read as that body.
                dispatch(context: context)
            }
        case .body(let buffer):
            guard current?.isDispatched == false else { return }
            current!.append(buffer)
            if current!.bodyBytes > current!.maxBodyBytes {
                dispatch(context: context)
            }
        case .end:
            guard current != nil else { return }
            current!.isRead = true
            if !current!.isDispatched {
                dispatch(context: context)
            } else if current!.isAnswered {
                requestDone(context: context)
            }
        }
    }

    private func dispatch(context: ChannelHandlerContext) {
        current!.isDispatched = true
        let head = current!.head
        let startedAt = ContinuousClock.now
        let eventLoop = context.eventLoop
        let handler = NIOLoopBound((self, context), eventLoop: eventLoop)
        let request: V4Forwarder.CheckedRequest
        switch responder.check(head, body: current!.body ?? ByteBuffer(), startedAt: startedAt) {
        case .answer(let answer, let requestID):
            // A failed check or a client over its share: answered with no task, but from the next
            // turn of the event loop, as every answer is: answering here would serve the next
            // pipelined request from inside this one's dispatch, and a pipeline of bad requests
            // would recurse as deep as it is long.
            eventLoop.execute {
                handler.value.0.answer(answer.response, requestID: requestID, context: handler.value.1)
            }
            return
        case .serve(let checked):
            request = checked
        }
        let responder = self.responder
        let channel = context.channel
        // A call certain to go upstream waits for its turn of the budget here, holding only the
        // checked request; its task starts with the turn (or the refusal that stands for it).
        let isQueued = responder.queueForTurn(request, channel: channel) { turn in
            // On the connection's event loop, so the task's work stays there.
            eventLoop.execute {
                switch turn {
                case .failure(let error):
                    let refusal = responder.refusal(of: request, error: error, startedAt: startedAt)
                    handler.value.0.answer(refusal, requestID: request.requestID, context: handler.value.1)
                case .success(let grant):
                    Self.serve(on: channel, handler: handler) {
                        await responder.respond(to: request, turn: PrepaidTurn(grant), channel: channel, startedAt: startedAt)
                    }
                }
            }
        }
        if !isQueued {
            Self.serve(on: channel, handler: handler) {
                await responder.respond(to: request, turn: nil, channel: channel, startedAt: startedAt)
            }
        }
    }

    /// Makes the request's answer in a task of its own and writes it from the connection's event loop.
    private static func serve(
        on channel: any Channel,
        handler: NIOLoopBound<(RequestDispatchHandler, ChannelHandlerContext)>,
        _ answer: @escaping @Sendable () async -> Response
    ) {
        Task {
            let response = await answer()
            await deliver(response, to: handler, on: channel.eventLoop)
        }
    }

    /// Writes `response` from the connection's event loop.
    private static func deliver(
        _ response: Response,
        to handler: NIOLoopBound<(RequestDispatchHandler, ChannelHandlerContext)>,
        on eventLoop: any EventLoop
    ) async {
        let body = await BodyCollector.collect(response.body)
        if eventLoop.inEventLoop {
            handler.value.0.answer(response.head, body: body, context: handler.value.1)
        } else {
            eventLoop.execute {
                handler.value.0.answer(response.head, body: body, context: handler.value.1)
            }
        }
    }

    /// Writes an answer made without a task (a failed check, a refusal).
    private func answer(_ response: ReadyResponse, requestID: String, context: ChannelHandlerContext) {
        answer(response.head(requestID: requestID), body: response.body, context: context)
    }

    private func answer(_ head: HTTPResponse, body: ByteBuffer, context: ChannelHandlerContext) {
        guard isActive, current != nil else {
            current = nil
            finishIfIdle()
            return
        }
        var head = head
        head.headerFields[.date] = responder.dates.now()
        let closes = current!.head.closesConnection || (isInputClosed && current!.isRead)
        if closes {
            // The client learns from the answer that the connection ends (RFC 9112 §9.6).
            head.headerFields[.connection] = "close"
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(body)), promise: nil)
        }
        current!.isAnswered = true
        guard !closes else {
            closeAfterAnswer(context: context)
            return
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        if current!.isRead {
            requestDone(context: context)
        }
    }

    /// Ends the connection after the current answer: at once when the request has been read, or by
    /// closing only the output when its body is still coming (`LingeringCloseHandler` reads and drops
    /// the rest, then closes), so a client that writes its whole body before it reads gets the answer.
    private func closeAfterAnswer(context: ChannelHandlerContext) {
        isClosing = true
        queued.removeAll()
        let isRead = current!.isRead
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in
            bound.value.close(mode: isRead ? .all : .output, promise: nil)
        }
    }

    /// The current request has been read and answered: serves what came after it, then reads on.
    private func requestDone(context: ChannelHandlerContext) {
        current = nil
        var next = 0
        while !isAwaitingAnswer, !isClosing, next < queued.count {
            let part = queued[next]
            next += 1
            read(part, context: context)
        }
        if !isClosing {
            queued.removeFirst(next)
        }
        guard !isAwaitingAnswer, queued.isEmpty else { return }
        if isInputClosed, current == nil {
            context.close(promise: nil)
            return
        }
        if isReadHeld {
            isReadHeld = false
            context.read()
        }
    }

    private func finishIfIdle() {
        guard !isActive, !isFinished else { return }
        if let current, current.isDispatched, !current.isAnswered { return }
        isFinished = true
        finished.succeed()
    }
}

@available(*, unavailable)
extension RequestDispatchHandler: Sendable {}

/// Gathers a response body, which the gateway always builds from one buffer, to write it from the
/// event loop in one piece.
private struct BodyCollector: ResponseBodyWriter {
    final class Box: @unchecked Sendable {
        // Written only by the task that collects, before it reads the result.
        var buffer = ByteBuffer()
    }

    let box: Box

    static func collect(_ body: ResponseBody) async -> ByteBuffer {
        let box = Box()
        try? await body.write(BodyCollector(box: box))
        return box.buffer
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        if box.buffer.readableBytes == 0 {
            box.buffer = buffer
        } else {
            box.buffer.writeImmutableBuffer(buffer)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
