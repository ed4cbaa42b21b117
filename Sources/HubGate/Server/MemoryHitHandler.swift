import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers fresh memory-tier cache hits on the event loop that read them, before Hummingbird's
/// per-request task machinery: a hit then costs a lookup and a write, which is what lets a labels read
/// served from HubGate's cache keep up with nginx's `proxy_cache`. Every other request (and every part
/// of it) passes through to Hummingbird unchanged.
///
/// One per connection, placed after the HTTP codec. HTTP/1.1 answers must leave in request order, so
/// the handler answers only while no earlier request on the connection is still waiting for its
/// answer, and lets `Connection: close` requests through (Hummingbird closes after answering them).
final class MemoryHitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What the handler needs from the gateway: shared by every connection.
    struct Answerer: Sendable {
        /// Decides whether the memory tier can answer, with the ordinary path's checks.
        let forwarder: V4Forwarder
        /// Counts and logs what it answers.
        let accountant: RequestAccountant
        /// `Date` values.
        let dates: HTTPDate
        /// Times answers.
        let clock = ContinuousClock()
    }

    private let answerer: Answerer
    /// A candidate request's head, held until its end shows it has no body.
    private var held: (head: HTTPRequest, receivedAt: ContinuousClock.Instant)?
    /// Requests passed to Hummingbird whose answers have not ended yet.
    private var unanswered = 0

    /// Creates the handler for one connection.
    init(answerer: Answerer) {
        self.answerer = answerer
    }

    /// Holds a candidate's head; answers it at its end, or passes everything on.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if unanswered == 0, Self.isCandidate(head) {
                held = (head, answerer.clock.now)
                return
            }
            passOn(head, context: context)
        case .body:
            // A body on a GET is unusual enough to leave to the ordinary path.
            releaseHeld(context: context)
            context.fireChannelRead(data)
        case .end:
            if let (head, receivedAt) = held {
                held = nil
                let requestID = RequestID.make()
                if let hit = answerer.forwarder.memoryHit(for: head, requestID: requestID) {
                    answer(head, with: hit, requestID: requestID, receivedAt: receivedAt, context: context)
                    return
                }
                passOn(head, context: context)
            }
            context.fireChannelRead(data)
        }
    }

    /// Counts answers to passed-on requests as they end.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered -= 1
        }
        context.write(data, promise: promise)
    }

    /// Gives a held head back to the pipeline if the handler is removed mid-request.
    func handlerRemoved(context: ChannelHandlerContext) {
        releaseHeld(context: context)
    }

    private func releaseHeld(context: ChannelHandlerContext) {
        guard let (head, _) = held else { return }
        held = nil
        passOn(head, context: context)
    }

    private func passOn(_ head: HTTPRequest, context: ChannelHandlerContext) {
        unanswered += 1
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    private func answer(
        _ head: HTTPRequest,
        with hit: MemoryHit,
        requestID: String,
        receivedAt: ContinuousClock.Instant,
        context: ChannelHandlerContext
    ) {
        answerer.accountant.started()
        var fields = hit.response.headers
        fields[.contentLength] = String(hit.response.body.readableBytes)
        fields[.xRequestID] = requestID
        fields[.date] = answerer.dates.now()
        context.write(wrapOutboundOut(.head(HTTPResponse(status: hit.response.status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(hit.response.body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        answerer.accountant.finished(
            requestID: requestID,
            method: head.method.rawValue,
            route: hit.operation.template,
            version: hit.operation.version,
            client: hit.client,
            status: Int(hit.response.status.code),
            duration: receivedAt.duration(to: answerer.clock.now),
            cacheStatus: hit.cacheStatus,
            upstreamCalls: 0
        )
    }

    /// A request the memory tier might answer: a GET the connection stays open after.
    private static func isCandidate(_ head: HTTPRequest) -> Bool {
        guard head.method == .get else { return false }
        guard let connection = head.headerFields[.connection] else { return true }
        return !connection.lowercased().contains("close")
    }
}

@available(*, unavailable)
extension MemoryHitHandler: Sendable {}
