import HTTPTypes
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Points the `paging.next.link` URLs in HubSpot's answers at HubGate, where the client's key
/// works, instead of at HubSpot, where it does not (and whose address a client should not need).
///
/// HubSpot writes absolute links on its own origin (`https://api.hubapi.com/crm/v4/…?after=…`), and
/// the simulator on the address HubGate called it at. Only the origin changes; path, query and every
/// other byte of the body stay as HubSpot sent them. Pure: unit-tested on bytes.
struct PagingLinkRewriter: Sendable {
    /// Scheme, host and port of the upstream, as links spell them.
    private let upstreamOrigin: [UInt8]

    private static let key = Array(#""link""#.utf8)

    /// A rewriter for links to the origin of `upstreamURL`; nil when it names none.
    init?(upstreamURL: String) {
        guard let schemeEnd = upstreamURL.firstRange(of: "://") else { return nil }
        let host = upstreamURL[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" }
        guard !host.isEmpty else { return nil }
        upstreamOrigin = Array(upstreamURL[..<schemeEnd.upperBound].utf8) + Array(host.utf8)
    }

    /// The origin the client reached HubGate at: the request's `Host`, with `https` when a
    /// TLS-terminating proxy in front says so in `X-Forwarded-Proto`, else `http`. Empty when the
    /// host is missing (HTTP/1.0) or holds anything a host and port cannot (it is written into
    /// JSON): the links then keep only path and query, relative to wherever the client reached
    /// HubGate, rather than keep HubSpot's origin, where a client would send its key to HubSpot.
    static func gatewayOrigin(of head: HTTPRequest) -> String {
        guard let host = head.authority, !host.isEmpty, host.utf8.count <= 255,
            host.utf8.allSatisfy({ isHostByte($0) })
        else { return "" }
        let scheme = head.headerFields[.xForwardedProto]?.lowercased() == "https" ? "https" : "http"
        return scheme + "://" + host
    }

    /// `body` with the origin of every `"link"` value on the upstream's origin replaced by
    /// `gatewayOrigin`; nil when there is none, so the common answer costs one scan and no copy.
    func rewrite(_ body: ByteBuffer, gatewayOrigin: String) -> ByteBuffer? {
        let origins = body.withUnsafeReadableBytes { upstreamOrigins(in: $0) }
        guard !origins.isEmpty else { return nil }
        let bytes = body.readableBytesView
        var rewritten = ByteBufferAllocator().buffer(capacity: bytes.count + origins.count * max(0, gatewayOrigin.utf8.count - upstreamOrigin.count))
        var copiedTo = 0
        for origin in origins {
            rewritten.writeBytes(bytes[(bytes.startIndex + copiedTo)..<(bytes.startIndex + origin.lowerBound)])
            rewritten.writeString(gatewayOrigin)
            copiedTo = origin.upperBound
        }
        rewritten.writeBytes(bytes[(bytes.startIndex + copiedTo)...])
        return rewritten
    }

    /// Whether `body` has a `"link"` value on the upstream's origin.
    func hasLinks(in body: ByteBuffer) -> Bool {
        body.withUnsafeReadableBytes { !upstreamOrigins(in: $0, first: true).isEmpty }
    }

    /// The offsets of the upstream origins that start `"link"` values in `bytes`. `memchr` jumps from
    /// quote to quote: a generic collection search here cost a third of a cache hit's CPU (perf).
    /// `first`: stop at the first one.
    private func upstreamOrigins(in bytes: UnsafeRawBufferPointer, first: Bool = false) -> [Range<Int>] {
        guard let base = bytes.baseAddress else { return [] }
        var origins: [Range<Int>] = []
        var index = 0
        while index < bytes.count, let quote = memchr(base + index, Int32(UInt8(ascii: "\"")), bytes.count - index) {
            let start = base.distance(to: UnsafeRawPointer(quote))
            index = start + 1
            guard start + Self.key.count <= bytes.count,
                UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Self.key.count)]).elementsEqual(Self.key),
                let origin = upstreamOrigin(inValueAfter: start + Self.key.count, of: bytes)
            else { continue }
            origins.append(origin)
            if first { break }
            index = origin.upperBound
        }
        return origins
    }

    /// The range of the upstream origin at the start of the string value that follows a `"link"`
    /// key ending at `index`; nil when the key is not followed by such a value.
    private func upstreamOrigin(inValueAfter index: Int, of bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        var index = Self.skipWhitespace(from: index, in: bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index = Self.skipWhitespace(from: index + 1, in: bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        let end = start + upstreamOrigin.count
        // The origin must end there: "http://host:80" is not the origin of "http://host:8080/…".
        guard end < bytes.count, UnsafeRawBufferPointer(rebasing: bytes[start..<end]).elementsEqual(upstreamOrigin),
            [UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "\"")].contains(bytes[end])
        else { return nil }
        return start..<end
    }

    private static func skipWhitespace(from index: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var index = index
        while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index]) {
            index += 1
        }
        return index
    }

    /// Letters, digits and `.-_:[]`: names, IPv4 and bracketed IPv6 addresses, and a port.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
            true
        default:
            false
        }
    }
}

extension HTTPField.Name {
    /// The scheme the client used, set by a TLS-terminating proxy in front of HubGate.
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
