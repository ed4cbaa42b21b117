import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw TCP exchange with a local server, for what an HTTP client library would hide: pipelined
/// requests, bodies shaped like requests, a connection reset. The blocking socket calls run on a
/// thread of their own, so they never hold a Swift concurrency thread.
package enum RawConnection {
    /// Sends `text` to 127.0.0.1:`port` and returns every byte received until the server closes or
    /// resets the connection (or 10 s pass without any).
    package static func exchange(port: Int, _ text: String) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try blockingExchange(port: port, text) })
            }.start()
        }
    }

    /// The status codes of the HTTP/1.1 answers in `received`, in order, found by their status lines
    /// (bodies end without a line break); nil for a status line whose code is not a number.
    package static func statuses(in received: String) -> [Int?] {
        received.components(separatedBy: "HTTP/1.1 ").dropFirst().map { Int($0.prefix(3)) }
    }

    /// ``exchange(port:_:)``'s bytes as UTF-8 text.
    package static func exchangeText(port: Int, _ text: String) async throws -> String {
        String(decoding: try await exchange(port: port, text), as: UTF8.self)
    }

    /// Runs `script` with a connection to 127.0.0.1:`port`, on a thread of its own.
    package static func withConnection<T: Sendable>(
        port: Int,
        _ script: @escaping @Sendable (RawSocket) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    let socket = try RawSocket(port: port)
                    defer { socket.disconnect() }
                    return try script(socket)
                })
            }.start()
        }
    }

    private static func blockingExchange(port: Int, _ text: String) throws -> [UInt8] {
        let socket = try RawSocket(port: port)
        defer { socket.disconnect() }
        socket.write(text)
        return socket.receiveUntilClosed()
    }
}

/// A blocking TCP connection to a local server, for ``RawConnection`` scripts. Sends and receives
/// time out after 10 s.
package final class RawSocket {
    private let fd: Int32

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    /// Sends `text` as UTF-8; false if the server stopped taking it (a send blocked for 10 s, or the
    /// connection broke) before all of it was sent.
    @discardableResult
    package func write(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Reads one response framed by `Content-Length` and returns its status code; nil if the
    /// connection closed (or the read timed out) first.
    package func receiveResponseStatus() -> Int? {
        var received: [UInt8] = []
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var contentLength = 0
        while true {
            if headEnd == nil, let end = received.firstRange(of: separator)?.upperBound {
                headEnd = end
                let head = String(decoding: received[..<end], as: UTF8.self).lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) {
                    contentLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headEnd, received.count >= headEnd + contentLength {
                let statusLine = String(decoding: received.prefix(while: { $0 != UInt8(ascii: "\r") }), as: UTF8.self)
                return statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            }
            guard let chunk = receive() else { return nil }
            received += chunk
        }
    }

    /// Whether the server closes the connection (or resets it) without sending anything more. A
    /// receive that times out (10 s) is not a close.
    package func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, 0)
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }

    /// Every byte until the server closes the connection (or 10 s pass without any).
    package func receiveUntilClosed() -> [UInt8] {
        var received: [UInt8] = []
        while let chunk = receive() { received += chunk }
        return received
    }

    /// Closes the sending side only (a half-close): the server sees the end of the stream and can
    /// still answer.
    package func closeWriting() {
        shutdown(fd, Int32(SHUT_WR))
    }

    func disconnect() {
        close(fd)
    }

    private func receive() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer[0..<count]) : nil
    }
}

@available(*, unavailable)
extension RawSocket: Sendable {}
