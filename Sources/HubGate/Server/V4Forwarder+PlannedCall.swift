import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

extension V4Forwarder {
    /// A call checked on the event loop, before any task exists for it, that will certainly go
    /// upstream: it can then wait for its turn of the shared budget without a task
    /// (`RequestDispatchHandler`), holding a few hundred bytes instead of a task's whole call stack
    /// (about 11 KB for a v4 call, 20 for a v3 read) for as long as the queue takes. A v4 call the
    /// cache does not answer, or a v3 batch read whose input translates.
    struct PlannedCall: Sendable {
        /// The client's request head.
        let head: HTTPRequest
        /// Its path, without the query.
        let path: String
        /// Its authenticated client.
        let client: AuthenticatedClient
        /// Its route.
        let route: ClassifiedRoute
        /// `.none` or `.invalidate`: the cache never answers it.
        let role: CacheRole
        /// The checked body; nil where the operation takes none.
        let body: ByteBuffer?
        /// What goes to HubSpot for a v4 call; nil for a v3 read, which its translation sends.
        let upstreamRequest: UpstreamRequest?
        /// The id of the answer (and of a refusal's `correlationId`).
        let requestID: String
        /// The client's share fields for the answer: its token is taken.
        let shareHeaders: HTTPFields
        /// The client's share refused it after all (another connection took the last token since
        /// the event loop's first look): the answer, with no upstream turn needed.
        let refusal: ReadyResponse?
    }

    /// The planned call for a request whose head and body have been read, when the ordinary path
    /// would certainly send it upstream: authenticated, a route the client has the scope for, a body
    /// within the limit and valid where JSON is expected, and either a v4 call the cache does not
    /// answer or a v3 batch read whose input the hand-written reader reads and the translation
    /// accepts (it then always sends one batch read). Its client's share is checked last, as a token
    /// is taken. Nil leaves the request to the ordinary path, which makes the same checks (and
    /// answers what failed). Does not suspend.
    func plannedCall(for head: HTTPRequest, body: ByteBuffer) -> PlannedCall? {
        let settings = self.settings.value
        guard let target = head.path,
            let authorization = head.headerFields[.authorization],
            let client = settings.keyring.authenticate(authorization: authorization)
        else { return nil }
        let uri = URI(target)
        guard let route = try? RouteClassifier.classify(method: head.method, path: Substring(uri.path)),
            client.scopes.contains(route.operation.scope)
        else { return nil }
        let role = cache == nil ? CacheRole.none : CacheRule.role(for: route, query: uri.query)
        if case .read = role { return nil }
        let checkedBody: ByteBuffer?
        do {
            checkedBody = try Self.checkedBody(of: head.headerFields, received: body, for: route.operation, maxBodyBytes: settings.maxBodyBytes)
        } catch {
            return nil
        }
        if route.operation.isV3 {
            guard route.operation.name == "v3BatchReadAssociations",
                let checkedBody,
                let input = V3BatchReadRequestDecoding.decode(checkedBody.readableBytesView),
                (try? V3RequestTranslator().batchRead(input)) != nil
            else { return nil }
        }
        let requestID = RequestID.make()
        var shareHeaders = HTTPFields()
        var refusal: ReadyResponse?
        switch clientLimiter.check(client: client.name, requestID: requestID) {
        case .unlimited:
            break
        case .proceed(let headers):
            shareHeaders = headers
        case .refuse(let answer):
            refusal = answer
        }
        return PlannedCall(
            head: head,
            path: uri.path,
            client: client,
            route: route,
            role: role,
            body: checkedBody,
            upstreamRequest: route.operation.isV3 ? nil : Self.upstreamRequest(for: head, uri: uri, route: route, body: checkedBody),
            requestID: requestID,
            shareHeaders: shareHeaders,
            refusal: refusal
        )
    }

    /// Serves a planned call, whose first upstream call (a v3 read's catalog fetch, if it needs one)
    /// spends the task's `PrepaidTurn`. The client's connection is watched for calls that wait again
    /// (retries, a v3 read after its catalog), as on the ordinary path.
    func serve(_ call: PlannedCall, channel: any Channel) async throws -> Response {
        RequestTrace.current?.setClient(call.client.name)
        RequestTrace.current?.setRoute(call.route.operation)
        if let refusal = call.refusal { return refusal.response }
        let presence = ClientDisconnection(isGone: { ClientGoneWatcher.isGone(channel) })
        var response = try await ClientDisconnection.$current.withValue(presence) {
            if let upstreamRequest = call.upstreamRequest {
                return try await relay(upstreamRequest, route: call.route, role: call.role, head: call.head, path: call.path, body: call.body)
            }
            let settings = self.settings.value
            return try await v3.handle(
                call.route,
                body: call.body,
                forwardedHeaders: Self.forwardedHeaders(from: call.head.headerFields, hasBody: false),
                requestID: call.requestID,
                companyReads: settings.v3CompanyReads,
                createPreservesLabels: settings.v3CreatePreservesLabels
            )
        }
        response.headers.append(contentsOf: call.shareHeaders)
        return response
    }
}
