import HTTPTypes
import NIOCore
import NIOHTTP1

/// Marks every request after which the connection must close with exactly `Connection: close`,
/// the one spelling the handlers after it compare with.
///
/// HTTP/1.0 requests close the connection unless they ask for `keep-alive` (RFC 9112 §9.3), but
/// that rule lives in the request's version, which the HTTPTypes conversion after this handler
/// drops: HubGate kept such connections open until the idle timeout, so an HTTP/1.0 client reading
/// to the end of the stream (health checkers, ApacheBench, old proxies) waited that long for every
/// answer, and each held a descriptor meanwhile. The same goes for `Connection: Close, TE` and other
/// spellings of `close` that an exact comparison misses.
///
/// Placed right before `HTTP1ToHTTPServerCodec`; it reads NIO's `isKeepAlive`, which applies the
/// version rule and parses the header's tokens.
final class ConnectionCloseMarker: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    /// Creates the marker for one connection.
    init() {}

    /// Rewrites the `Connection` field of a head that ends the connection; passes every part on.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), !head.isKeepAlive, head.headers.first(name: "connection") != "close" else {
            context.fireChannelRead(data)
            return
        }
        // Connection's other tokens name hop-by-hop fields, which are never forwarded anyway.
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}

@available(*, unavailable)
extension ConnectionCloseMarker: Sendable {}

extension HTTPRequest {
    /// Whether the connection closes after this request's answer (HTTP/1.0 included). Behind
    /// `ConnectionCloseMarker`, which spells every such request's field exactly `close`, the exact
    /// comparison is enough; the handlers after it ask here.
    var closesConnection: Bool { headerFields[.connection] == "close" }
}
