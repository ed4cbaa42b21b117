@testable import CurlHTTP
import Glibc
import HTTPTypes
import NIOCore
import Synchronization
import Testing

/// Failures map to errors that say whether the request may have reached the server.
@Suite struct FailureTests {
    /// A port with a bound socket that does not listen refuses connections: couldNotConnect, not sent.
    @Test func refusedConnectionIsCouldNotConnect() async throws {
        let socket = try BoundSocket()
        try await TestEnvironment.withRunning { environment in
            let error = await #expect(throws: CurlError.self) {
                try await environment.client.execute(CurlRequest(method: .post, url: "http://127.0.0.1:\(socket.port)/x"))
            }
            #expect(error == .couldNotConnect)
            #expect(error?.requestSent == false)
            #expect(error?.shortDescription == "couldNotConnect")
        }
        withExtendedLifetime(socket) {}
    }

    /// A server that does not answer in time gives timedOut with requestSent, a "responseTimeout".
    @Test func slowServerTimesOutAfterSending() async throws {
        try await TestEnvironment.withRunning { environment in
            let error = await #expect(throws: CurlError.self) {
                try await environment.client.execute(
                    CurlRequest(method: .post, url: environment.url("/slow"), body: ByteBuffer(string: "{}"), timeout: .milliseconds(200))
                )
            }
            #expect(error == .timedOut(requestSent: true))
            #expect(error?.shortDescription == "responseTimeout")
            #expect(error?.detail?.isEmpty == false)
        }
    }

    /// A server that closes the connection without answering gives emptyReply with requestSent.
    @Test(arguments: [HTTPRequest.Method.get, .post])
    func hangUpIsEmptyReplyAfterSending(method: HTTPRequest.Method) async throws {
        try await TestEnvironment.withRunning { environment in
            let error = await #expect(throws: CurlError.self) {
                try await environment.client.execute(CurlRequest(method: method, url: environment.url("/hangup")))
            }
            #expect(error == .emptyReply(requestSent: true))
            // The client recovers: the next request opens a fresh connection.
            let response = try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
            #expect(response.status == .ok)
        }
    }

    /// A URL libcurl cannot use is invalidRequest, never sent.
    @Test func unsupportedSchemeIsInvalidRequest() async throws {
        try await TestEnvironment.withRunning { environment in
            let error = await #expect(throws: CurlError.self) {
                try await environment.client.execute(CurlRequest(method: .get, url: "nope://127.0.0.1/"))
            }
            #expect(error == .invalidRequest)
        }
    }

    /// Cancelling the calling task aborts the transfer in flight; the client keeps working.
    @Test func cancellationAbortsTransferInFlight() async throws {
        try await TestEnvironment.withRunning { environment in
            var arrivals = environment.server.slowArrivals.makeAsyncIterator()
            let task = Task {
                try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/slow")))
            }
            await arrivals.next()
            task.cancel()
            let result = await task.result
            #expect(throws: CurlError.cancelled(requestSent: true)) { try result.get() }
            let response = try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/echo")))
            #expect(response.status == .ok)
        }
    }

    /// A task cancelled before it calls execute fails at once, nothing sent.
    @Test func cancelledTaskSendsNothing() async throws {
        try await TestEnvironment.withRunning { environment in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await environment.client.execute(CurlRequest(method: .post, url: environment.url("/echo")))
            }
            let result = await task.result
            #expect(throws: CurlError.cancelled(requestSent: false)) { try result.get() }
            #expect(environment.server.remotePorts.withLock { $0.isEmpty })
        }
    }
}

/// A TCP socket bound to 127.0.0.1 on a free port but not listening, so connections are refused.
final class BoundSocket: Sendable {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CurlError.shutDown }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                Glibc.bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw CurlError.shutDown
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(self.descriptor) }
}

/// Response bodies are bounded.
@Suite struct ResponseLimitTests {
    /// A body larger than `maxResponseBodySize` fails with responseTooLarge, sent.
    @Test func oversizedBodyIsRefused() async throws {
        var configuration = CurlHTTPClient.Configuration()
        configuration.maxResponseBodySize = 100_000
        try await TestEnvironment.withRunning(client: configuration) { environment in
            let small = try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/bytes?count=100000")))
            #expect(small.body.readableBytes == 100_000)
            let error = await #expect(throws: CurlError.self) {
                try await environment.client.execute(CurlRequest(method: .get, url: environment.url("/bytes?count=100001")))
            }
            #expect(error == .responseTooLarge)
        }
    }
}
