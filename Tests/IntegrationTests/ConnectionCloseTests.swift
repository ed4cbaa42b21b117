import Foundation
import HTTPTypes
import HubGate
import HubSpotSimulator
import TestSupport
import Testing

/// The gateway closes a connection after the answer whenever HTTP says it must (RFC 9112 §9.3):
/// HTTP/1.0 without `keep-alive`, and `close` in any spelling; it keeps every other one open.
@Suite(.timeLimit(.minutes(1)))
struct ConnectionCloseTests {
    static let labels = "/crm/v4/associations/contacts/companies/labels"
    static let list = "/crm/v4/objects/contacts/101/associations/companies"

    /// An HTTP/1.0 request without `keep-alive` is answered and its connection closed, both for a
    /// hot cache entry and for a forwarded call.
    @Test(arguments: [labels, list])
    func http10WithoutKeepAliveCloses(path: String) async throws {
        try await GatewayHarness.run { harness in
            #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            let (status, closed) = try await Self.exchange(harness, path: path, version: "HTTP/1.0", connection: nil)
            #expect(status == 200)
            #expect(closed)
        }
    }

    /// `close` in another case or among other tokens closes too.
    @Test(arguments: ["Close", "close, TE"])
    func closeInAnySpellingCloses(connection: String) async throws {
        try await GatewayHarness.run { harness in
            let (status, closed) = try await Self.exchange(harness, path: Self.list, version: "HTTP/1.1", connection: connection)
            #expect(status == 200)
            #expect(closed)
        }
    }

    /// HTTP/1.0 with `keep-alive`, and HTTP/1.1 without `close`, keep the connection for a second call.
    @Test(arguments: [("HTTP/1.0", "keep-alive"), ("HTTP/1.1", nil)] as [(String, String?)])
    func keepAliveStaysOpen(version: String, connection: String?) async throws {
        try await GatewayHarness.run { harness in
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let request = Self.request(path: Self.list, version: version, connection: connection)
            let statuses = try await RawConnection.withConnection(port: port) { socket in
                (0..<2).map { _ in
                    socket.write(request)
                    return socket.receiveResponseStatus()
                }
            }
            #expect(statuses == [200, 200])
        }
    }

    /// A client that writes its whole body before reading (most synchronous clients) gets the early
    /// 413 for an oversized body on a closing request: HubGate reads and discards the rest, then
    /// closes. The body is far larger than what the socket buffers hold.
    @Test func earlyAnswerToClosingRequestLetsTheBodyFinish() async throws {
        try await GatewayHarness.run(gateway: { $0.server.maxBodyBytes = 1024 }) { harness in
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let body = #"{"inputs":["# + String(repeating: " ", count: 32 << 20) + "]}"
            let request =
                "POST /crm/v4/associations/contacts/companies/batch/read HTTP/1.1\r\nHost: hubgate\r\n"
                + "Authorization: Bearer \(GatewayHarness.writerKey)\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            let (sentAll, status, closed) = try await RawConnection.withConnection(port: port) { socket in
                let sentAll = socket.write(request)
                return (sentAll, socket.receiveResponseStatus(), socket.isClosedByPeer())
            }
            #expect(sentAll)
            #expect(status == 413)
            #expect(closed)
            #expect(harness.simulator.stats().totalRequests == 0)
        }
    }

    /// The answer to a request that ends the connection says so (`Connection: close`), whether it
    /// came from the cache, HubSpot or a check; a request pipelined after it is neither served nor
    /// answered (RFC 9112 §9.6), and the connection closes.
    @Test(arguments: [labels, list, "/crm/v4/objects/contacts/x/associations/companies"])
    func closingAnswerSaysSoAndNothingAfterItIsServed(path: String) async throws {
        try await GatewayHarness.run { harness in
            #expect(try await harness.gateway(.get, Self.labels).status == .ok)
            let port = try #require(URL(string: harness.gatewayURL)?.port)
            let before = harness.simulator.stats().totalRequests
            let received = try await RawConnection.exchangeText(
                port: port,
                Self.request(path: path, version: "HTTP/1.1", connection: "close") + Self.request(path: Self.list, version: "HTTP/1.1", connection: nil)
            )
            #expect(RawConnection.statuses(in: received).count == 1, "\(received)")
            #expect(received.contains("\r\nConnection: close\r\n"), "\(received)")
            #expect(harness.simulator.stats().totalRequests - before == (path == Self.list ? 1 : 0))

            let http10 = try await RawConnection.exchangeText(port: port, Self.request(path: path, version: "HTTP/1.0", connection: nil))
            #expect(RawConnection.statuses(in: http10).count == 1, "\(http10)")
            #expect(http10.contains("\r\nConnection: close\r\n"), "\(http10)")
        }
    }

    /// Sends one request on a new connection; returns its status and whether the gateway then
    /// closed the connection (within the socket's 10 s receive timeout).
    private static func exchange(_ harness: GatewayHarness, path: String, version: String, connection: String?) async throws -> (Int?, Bool) {
        let port = try #require(URL(string: harness.gatewayURL)?.port)
        let request = Self.request(path: path, version: version, connection: connection)
        return try await RawConnection.withConnection(port: port) { socket in
            socket.write(request)
            return (socket.receiveResponseStatus(), socket.isClosedByPeer())
        }
    }

    /// A GET as raw HTTP from the writer client, with `Connection: connection` if given.
    private static func request(path: String, version: String, connection: String?) -> String {
        let connectionField = connection.map { "Connection: \($0)\r\n" } ?? ""
        return "GET \(path) \(version)\r\nHost: hubgate\r\nAuthorization: Bearer \(GatewayHarness.writerKey)\r\n\(connectionField)\r\n"
    }
}
