import HubSpotModel

/// The normalised identity of one cached upstream answer.
///
/// Built from canonical object types (`0-1`, never `contacts`/`CONTACT`), so every spelling HubSpot
/// accepts for one resource maps to one entry.
package struct CacheKey: Hashable, Sendable, CustomStringConvertible {
    /// The stored text form, e.g. `labels/0-1/0-2` or `definitions?after=…&limit=…`.
    package let rawValue: String

    /// Wraps a stored key.
    package init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The labels of one directed object pair.
    package static func labels(from: ObjectType, to: ObjectType) -> CacheKey {
        CacheKey(rawValue: "labels/\(from.id)/\(to.id)")
    }

    /// One page of all association definitions.
    package static func definitions(after: String?, limit: String?) -> CacheKey {
        CacheKey(rawValue: "definitions?after=\(after ?? "")&limit=\(limit ?? "")")
    }

    package var description: String { rawValue }
}
