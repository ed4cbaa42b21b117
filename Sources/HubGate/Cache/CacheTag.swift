import HubSpotModel

/// A group of cache entries that one kind of write makes wrong together.
package struct CacheTag: Hashable, Sendable, CustomStringConvertible {
    /// The stored text form, e.g. `pair/0-1/0-2` or `definitions`.
    package let rawValue: String

    /// Wraps a stored tag.
    package init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Everything derived from the labels of one directed object pair.
    package static func pair(from: ObjectType, to: ObjectType) -> CacheTag {
        CacheTag(rawValue: "pair/\(from.id)/\(to.id)")
    }

    /// Every page of the definitions list.
    package static let definitions = CacheTag(rawValue: "definitions")

    package var description: String { rawValue }
}
