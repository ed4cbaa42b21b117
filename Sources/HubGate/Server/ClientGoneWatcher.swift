import NIOCore
import Synchronization

/// Notices a client leaving while its request waits, for `ClientDisconnection`.
///
/// Hummingbird's server allows remote half-closure, so a client that closes its socket leaves the channel
/// active, input closed: `Channel.isActive` alone never says it left. This handler marks the
/// connection gone at input closure or inactivity. Requests find their connection's mark by the
/// channel (`isGone(_:)`), from any thread, without a trip to the event loop.
///
/// One per connection, right before `RequestDispatchHandler` (`GatewayChildChannel`): event-loop
/// answers never pass through it.
final class ClientGoneWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Never

    /// The marks of open connections, by channel identity; entries live from `handlerAdded` to
    /// `handlerRemoved`, so an identity is never reused while registered.
    private static let marks = Mutex<[ObjectIdentifier: Mark]>([:])

    /// Whether a connection's client has gone.
    private final class Mark: Sendable {
        let isGone = Atomic(false)
    }

    private let mark = Mark()

    /// Creates the watcher for one connection.
    init() {}

    /// Whether the client of `channel` has closed its side of the connection (or the connection is
    /// gone). False for a channel without a watcher.
    static func isGone(_ channel: any Channel) -> Bool {
        guard channel.isActive else { return true }
        let mark = marks.withLock { $0[ObjectIdentifier(channel)] }
        return mark?.isGone.load(ordering: .relaxed) ?? false
    }

    /// Registers the connection's mark.
    func handlerAdded(context: ChannelHandlerContext) {
        let mark = self.mark
        Self.marks.withLock { $0[ObjectIdentifier(context.channel)] = mark }
    }

    /// Unregisters the connection's mark.
    func handlerRemoved(context: ChannelHandlerContext) {
        mark.isGone.store(true, ordering: .relaxed)
        Self.marks.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(context.channel)) }
    }

    /// Marks the client gone when it closes its side.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            mark.isGone.store(true, ordering: .relaxed)
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Marks the client gone when the connection closes.
    func channelInactive(context: ChannelHandlerContext) {
        mark.isGone.store(true, ordering: .relaxed)
        context.fireChannelInactive()
    }
}

@available(*, unavailable)
extension ClientGoneWatcher: Sendable {}
