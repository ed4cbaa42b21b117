/// Lets an upstream call that is still waiting for the shared budget notice that its client has
/// gone, so the turn goes to a call somebody still waits for (nginx's `proxy_ignore_client_abort
/// off`, for the queue only).
///
/// Set by the forwarder around the calls it makes for one client; cleared by the cache around the
/// fetches it shares between clients, so one client leaving never fails the others' fetch. A call
/// already sent is never withdrawn: HubSpot may be acting on it.
package final class ClientDisconnection: Sendable {
    /// The client of the call this task makes; nil when no single client waits for the call.
    @TaskLocal package static var current: ClientDisconnection?

    private let check: @Sendable () -> Bool

    /// A client whose departure `isGone` tells.
    package init(isGone: @escaping @Sendable () -> Bool) {
        self.check = isGone
    }

    /// Whether the client has closed its connection.
    package var isGone: Bool { check() }
}
