/// Sends calls to HubSpot with its token. The gateway's request pipeline depends on this protocol
/// only, so it is tested without sockets against an in-memory transport.
package protocol UpstreamTransport: Sendable {
    /// Sends one call and returns HubSpot's answer, whatever its status.
    ///
    /// - Throws: `GatewayError` when no complete answer arrived (unreachable, timeout, connection lost,
    ///   shutting down).
    func send(_ request: UpstreamRequest) async throws(GatewayError) -> UpstreamResponse
}
