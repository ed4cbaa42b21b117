import HTTPTypes
import HummingbirdCore
import NIOCore

extension V4Forwarder {
    /// A request that passed every check the gateway makes before it serves one (`check(_:body:)`),
    /// with what those checks found, so that nothing is checked twice.
    ///
    /// It is made on the event loop, before any task exists for the request: a call certain to go
    /// upstream (`goesUpstream(_:)`) then waits for its turn of the shared budget without a task
    /// (`RequestDispatchHandler`), holding a few hundred bytes instead of a task's whole call stack
    /// (about 11 KB for a v4 call, 20 for a v3 read) for as long as the queue takes.
    struct CheckedRequest: Sendable {
        /// The client's request head.
        let head: HTTPRequest
        /// Its target, parsed.
        let uri: URI
        /// Its authenticated client.
        let client: AuthenticatedClient
        /// Its route.
        let route: ClassifiedRoute
        /// What the cache does with it (always `.none` while the cache is off).
        let role: CacheRole
        /// The checked body; nil where the operation takes none.
        let body: ByteBuffer?
        /// The id of the answer (and of any error's `correlationId`).
        let requestID: String
        /// The settings read for this request: a reload in the middle of it does not change them.
        let settings: RequestSettings
        /// The client's share fields for the answer, once its token is taken (empty while per-client
        /// limits are off).
        let shareHeaders: HTTPFields
    }

    /// What `check(_:body:)` decided.
    enum CheckOutcome: Sendable {
        /// Serve it.
        case serve(CheckedRequest)
        /// Answer at once, without serving it: a check failed, or the client is over its share.
        case answer(EventLoopAnswer, requestID: String)
    }
}
