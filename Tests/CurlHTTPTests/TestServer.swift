import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A Hummingbird context that keeps the channel, so routes can see the peer and hang up.
struct TestRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// Holds requests until the test opens it.
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = self.state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiters = self.state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// The routes the client tests talk to, and what the server saw.
///
/// - `/echo` (any method): answers with the request body and `x-echo-*` headers describing the
///   request; `?status=N` sets the status. Also sends `x-multi: a` and `x-multi: b`.
/// - `/bytes?count=N`: N bytes of a repeating pattern.
/// - `/slow`: reports its arrival on ``slowArrivals`` and answers once ``gate`` opens.
/// - `/hangup`: closes the connection without answering.
final class TestServer: Sendable {
    /// Holds `/slow` requests.
    let gate = Gate()
    /// One element per `/slow` request that arrived.
    let slowArrivals: AsyncStream<Void>
    private let slowArrivalsContinuation: AsyncStream<Void>.Continuation
    /// Remote ports of every request seen, i.e. the client's connections.
    let remotePorts = Mutex<Set<Int>>([])

    init() {
        (self.slowArrivals, self.slowArrivalsContinuation) = AsyncStream.makeStream()
    }

    func makeRouter() -> Router<TestRequestContext> {
        let router = Router(context: TestRequestContext.self)
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .head] {
            router.on("/echo", method: method) { request, context in
                try await self.echo(request, context: context)
            }
        }
        router.get("/bytes") { request, _ in
            let count = request.uri.queryParameters.get("count", as: Int.self) ?? 0
            return Response(status: .ok, body: .init(byteBuffer: Self.pattern(count: count)))
        }
        router.get("/slow") { _, _ in
            self.slowArrivalsContinuation.yield()
            await self.gate.wait()
            return "slow done"
        }
        router.post("/slow") { _, _ in
            self.slowArrivalsContinuation.yield()
            await self.gate.wait()
            return "slow done"
        }
        router.get("/hangup") { _, context -> Response in
            try await context.channel.close()
            return Response(status: .ok)
        }
        router.post("/hangup") { _, context -> Response in
            try await context.channel.close()
            return Response(status: .ok)
        }
        return router
    }

    private func echo(_ request: Request, context: TestRequestContext) async throws -> Response {
        if let port = context.channel.remoteAddress?.port {
            self.remotePorts.withLock { _ = $0.insert(port) }
        }
        let body = try await request.body.collect(upTo: 64 << 20)
        let status = request.uri.queryParameters.get("status", as: Int.self) ?? 200
        var headers = HTTPFields()
        headers[.init("x-echo-method")!] = request.method.rawValue
        for name in ["content-length", "content-type", "expect", "accept", "transfer-encoding"] {
            headers[.init("x-echo-\(name)")!] = request.headers[.init(name)!] ?? "none"
        }
        headers[.init("x-echo-test")!] = request.headers[values: .init("x-test")!].joined(separator: ",")
        headers[.init("x-echo-empty")!] = request.headers[.init("x-empty")!].map { "[\($0)]" } ?? "none"
        headers.append(HTTPField(name: .init("x-multi")!, value: "a"))
        headers.append(HTTPField(name: .init("x-multi")!, value: "b"))
        headers[.contentType] = "application/octet-stream"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: body))
    }

    /// `count` bytes cycling through `0..<251`, so that misplaced chunks show.
    static func pattern(count: Int) -> ByteBuffer {
        let block = (0..<251).map { UInt8($0) }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(count)
        while buffer.readableBytes + block.count <= count { buffer.writeBytes(block) }
        buffer.writeBytes(block.prefix(count - buffer.readableBytes))
        return buffer
    }

    /// Builds the Hummingbird application on `127.0.0.1:0`; `onRunning` gets the bound port.
    func makeApplication(onRunning: @escaping @Sendable (Int) -> Void) -> some Service {
        Application(
            router: self.makeRouter(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "test-server", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }
}
