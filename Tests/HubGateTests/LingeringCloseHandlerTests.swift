import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import HubGate

/// The lingering close discards only the body of a closing request already answered, and closes
/// when that body ends or when its time is up.
struct LingeringCloseHandlerTests {
    static let closing = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/", headerFields: [.connection: "close"])
    static let keepAlive = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/")
    static let chunk = ByteBuffer(string: "body")

    /// Answered early, a closing request's remaining body is read and dropped; its end closes.
    @Test func discardsAfterEarlyAnswerThenCloses() throws {
        let channel = try Self.channel()
        try channel.writeInbound(HTTPRequestPart.head(Self.closing))
        try Self.answer(channel)
        try channel.writeInbound(HTTPRequestPart.body(Self.chunk))
        #expect(channel.isActive)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(!channel.isActive)
        // Only the head reached Hummingbird.
        #expect(try Self.inboundParts(channel) == ["head"])
    }

    /// A body that never ends is cut off when the limit passes.
    @Test func closesAtTheLimit() throws {
        let channel = try Self.channel()
        try channel.writeInbound(HTTPRequestPart.head(Self.closing))
        try Self.answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    /// A closing request answered after its body ended is left alone, as is a keep-alive request
    /// answered early (Hummingbird reads its body itself).
    @Test func leavesOtherRequestsAlone() throws {
        let channel = try Self.channel()
        try channel.writeInbound(HTTPRequestPart.head(Self.keepAlive))
        try Self.answer(channel)
        try channel.writeInbound(HTTPRequestPart.body(Self.chunk))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeInbound(HTTPRequestPart.head(Self.closing))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try Self.answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(channel.isActive)
        #expect(try Self.inboundParts(channel) == ["head", "body", "end", "head", "end"])
    }

    /// Pipelined behind a keep-alive request, a closing request's body is not touched when the
    /// earlier request is answered: only its own answer starts the discarding.
    @Test func pipelinedClosingRequestWaitsForItsOwnAnswer() throws {
        let channel = try Self.channel()
        try channel.writeInbound(HTTPRequestPart.head(Self.keepAlive))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeInbound(HTTPRequestPart.head(Self.closing))
        try Self.answer(channel)
        try channel.writeInbound(HTTPRequestPart.body(Self.chunk))
        #expect(try Self.inboundParts(channel) == ["head", "end", "head", "body"])
        try Self.answer(channel)
        try channel.writeInbound(HTTPRequestPart.body(Self.chunk))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(!channel.isActive)
        #expect(try Self.inboundParts(channel) == [])
    }

    private static func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: LingeringCloseHandler(limit: .seconds(5)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    /// Writes a whole answer through the handler, as Hummingbird would.
    private static func answer(_ channel: EmbeddedChannel) throws {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .contentTooLarge)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
    }

    /// The kinds of the parts passed on to Hummingbird so far, taken off the channel.
    private static func inboundParts(_ channel: EmbeddedChannel) throws -> [String] {
        var kinds: [String] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) {
            switch part {
            case .head: kinds.append("head")
            case .body: kinds.append("body")
            case .end: kinds.append("end")
            }
        }
        return kinds
    }
}
