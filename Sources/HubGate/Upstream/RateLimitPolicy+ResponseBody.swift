import Foundation
import NIOCore

extension RateLimitPolicy {
    /// The limit a HubSpot 429 body names in `policyName`, or nil when the body names none.
    static func named(inErrorBody body: ByteBuffer) -> RateLimitPolicy? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            let name = object["policyName"] as? String
        else { return nil }
        return RateLimitPolicy(policyName: name)
    }
}
