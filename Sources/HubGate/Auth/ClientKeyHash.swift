import Crypto

/// How client keys are stored and compared: SHA-256, written `sha256:<hex>`.
///
/// Client keys are long random strings, so a fast hash is enough (no password stretching); what
/// matters is that the configuration never holds a usable key and that comparison is constant time.
package enum ClientKeyHash {
    /// The SHA-256 of a key's UTF-8 bytes.
    package static func hash(ofKey key: some StringProtocol) -> [UInt8] {
        var key = String(key)
        return key.withUTF8 { Array(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }

    /// The configuration spelling of a key's hash: `sha256:<64 lower-case hex digits>`.
    package static func formatted(ofKey key: some StringProtocol) -> String {
        "sha256:" + hash(ofKey: key).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }

    /// Parses `sha256:<hex>` (the prefix is optional) into 32 bytes; nil when malformed.
    package static func parse(_ text: String) -> [UInt8]? {
        var hex = Substring(text.lowercased())
        if hex.hasPrefix("sha256:") { hex = hex.dropFirst("sha256:".count) }
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    /// Compares two hashes in time independent of where they differ.
    package static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}
