import HTTPTypes

/// Request ids: random UUIDs (version 4) in lower case, the form HubSpot uses for `correlationId`.
///
/// Formatted by hand into one string: `UUID().uuidString.lowercased()` builds two strings per request.
enum RequestID {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let randomWords = RandomWordPool()

    /// A new random request id.
    static func make() -> String {
        var (high, low) = randomWords.nextPair()
        // Version 4 and the RFC 9562 variant bits.
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            func put(_ value: UInt64, nibbles: Int, from shift: Int) {
                for nibble in 0..<nibbles {
                    buffer[index] = hexDigits[Int((value >> UInt64(shift - 4 * nibble)) & 0xF)]
                    index += 1
                }
            }
            func dash() {
                buffer[index] = UInt8(ascii: "-")
                index += 1
            }
            put(high, nibbles: 8, from: 60)
            dash()
            put(high, nibbles: 4, from: 28)
            dash()
            put(high, nibbles: 4, from: 12)
            dash()
            put(low, nibbles: 4, from: 60)
            dash()
            put(low, nibbles: 12, from: 44)
            return index
        }
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    package static let xRequestID = HTTPField.Name("X-Request-Id")!
    /// `Cache-Status` (RFC 9211).
    package static let cacheStatus = HTTPField.Name("Cache-Status")!
}
