/// What a gateway client key may do.
package enum ClientScope: String, Sendable, Hashable, CaseIterable {
    /// Reads: list, batch read, labels and definitions reads.
    case read
    /// Writes: creates, archives, label changes.
    case write
}
