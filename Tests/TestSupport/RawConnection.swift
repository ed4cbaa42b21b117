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

    /// ``exchange(port:_:)``'s bytes as UTF-8 text.
    package static func exchangeText(port: Int, _ text: String) async throws -> String {
        String(decoding: try await exchange(port: port, text), as: UTF8.self)
    }

    private static func blockingExchange(port: Int, _ text: String) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return received
    }
}
