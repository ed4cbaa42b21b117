import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-request context: only the channel, which a connection-reset fault needs to close.
struct SimulatorRequestContext: InitializableFromSource {
    /// The connection's channel.
    let channel: any Channel

    /// Takes the channel from Hummingbird's source.
    init(source: ApplicationRequestContextSource) {
        channel = source.channel
    }
}

/// Hands every request to the engine and carries out its answer: write it, delay it, or break the
/// connection. No routing here; the engine classifies paths itself so it can be tested without sockets.
struct SimulatorResponder: HTTPResponder {
    /// The context carrying the channel.
    typealias Context = SimulatorRequestContext

    /// Largest request body accepted (a 2,000-input batch/create is ~300 KB).
    static let maxBodySize = 16 * 1024 * 1024

    /// The engine handle answering every request.
    let control: SimulatorControl

    /// Collects the body, asks the engine, then waits, answers or resets.
    func respond(to request: Request, context: SimulatorRequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: Self.maxBodySize)
        let simulated = SimulatorRequest(
            method: request.method,
            path: request.uri.path,
            query: request.uri.query,
            headers: request.headers,
            body: Array(buffer.readableBytesView),
            authority: request.head.authority
        )
        let answer = control.respond(to: simulated)
        if answer.latency > .zero {
            try await Task.sleep(for: answer.latency)
        }
        if answer.disposition == .resetConnection {
            try await Self.reset(context.channel)
            throw ConnectionResetFault()
        }
        return Response(status: answer.status, headers: answer.headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Closes with SO_LINGER 0 so the peer sees a TCP reset, not a clean end of stream.
    private static func reset(_ channel: any Channel) async throws {
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close().get()
    }
}

/// Thrown after a scripted reset so Hummingbird writes nothing more on the closed connection.
struct ConnectionResetFault: Error {}
