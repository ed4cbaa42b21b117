import HubSpotModel

/// Where the v3 names of user-defined labels live once HubGate has seen them created: what the v3
/// translator asks for names and the v4 forwarder tells about label writes.
///
/// Never fails a request: without SQLite the names are kept in memory (and lost at exit).
package protocol LabelNameStorage: Sendable {
    /// Loads what SQLite holds, before the gateway accepts requests. A failure degrades to memory.
    func prepare() async

    /// The names remembered for the directed pair `from → to`.
    func names(from: ObjectType, to: ObjectType) async -> [AssociationTypeKey: String]

    /// Records a change HubSpot acknowledged: in memory at once, in SQLite before returning unless
    /// SQLite is out of use.
    func record(_ change: LabelNameChange) async
}
