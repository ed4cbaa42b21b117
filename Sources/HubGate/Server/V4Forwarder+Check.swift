import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

extension V4Forwarder {
    /// Checks a request whose head and body have been read, once, on the event loop, in the order
    /// that decides which answer a client sees: its key first (so unauthenticated callers learn
    /// nothing about routes), then its client's share (a token is taken), its route, the scope the
    /// route needs, and its body (within the limit, and JSON where JSON is expected). A failure is
    /// answered at once, without a task. Does not suspend.
    func check(_ head: HTTPRequest, body: ByteBuffer) -> CheckOutcome {
        let requestID = RequestID.make()
        // One read per request: a reload in the middle of a request does not change its settings.
        let settings = self.settings.value
        guard let authorization = head.headerFields[.authorization] else {
            return Self.failure(.missingCredentials, operation: Self.operation(of: head), client: nil, requestID: requestID)
        }
        guard let client = settings.keyring.authenticate(authorization: authorization) else {
            return Self.failure(.unknownClientKey, operation: Self.operation(of: head), client: nil, requestID: requestID)
        }
        var shareHeaders = HTTPFields()
        switch clientLimiter.check(client: client.name, requestID: requestID) {
        case .unlimited:
            break
        case .proceed(let headers):
            shareHeaders = headers
        case .refuse(let refusal):
            let answer = EventLoopAnswer(response: refusal, client: client.name, operation: Self.operation(of: head), cacheStatus: nil)
            return .answer(answer, requestID: requestID)
        }
        let uri = URI(head.path ?? "")
        let route: ClassifiedRoute
        do throws(GatewayError) {
            route = try RouteClassifier.classify(method: head.method, path: Substring(uri.path))
        } catch {
            // A path that names no operation (or names it for another method) is counted under none.
            return Self.failure(error, operation: nil, client: client.name, requestID: requestID)
        }
        let checkedBody: ByteBuffer?
        do throws(GatewayError) {
            guard client.scopes.contains(route.operation.scope) else {
                throw GatewayError.missingScope(route.operation.scope)
            }
            checkedBody = try Self.checkedBody(of: head.headerFields, received: body, for: route.operation, maxBodyBytes: settings.maxBodyBytes)
        } catch {
            return Self.failure(error, operation: route.operation, client: client.name, requestID: requestID)
        }
        return .serve(
            CheckedRequest(
                head: head,
                uri: uri,
                client: client,
                route: route,
                role: cache == nil ? CacheRole.none : CacheRule.role(for: route, query: uri.query),
                body: checkedBody,
                requestID: requestID,
                settings: settings,
                shareHeaders: shareHeaders
            )
        )
    }

    /// Whether `check(_:body:)` will refuse this request whatever its body holds: no or an unknown
    /// key, no route, a missing scope, or an announced body over the limit. Takes nothing (no
    /// client token), so it can be asked before the body is wanted: a client that sent
    /// `Expect: 100-continue` gets that refusal instead of `100 Continue`, and keeps its body.
    func refusesBeforeBody(_ head: HTTPRequest) -> Bool {
        let settings = self.settings.value
        guard let client = settings.keyring.authenticate(authorization: head.headerFields[.authorization]),
            let route = try? RouteClassifier.classify(method: head.method, path: Substring(URI(head.path ?? "").path)),
            client.scopes.contains(route.operation.scope)
        else { return true }
        return Self.announcesBody(in: head.headerFields, over: settings.maxBodyBytes)
    }

    /// Whether serving `request` certainly sends HubSpot a call: a v4 call the cache does not answer,
    /// or a v3 batch read whose input the hand-written reader reads and the translation accepts (it
    /// then always sends one batch read). Other v3 calls decide their upstream calls as they
    /// translate. Asked only while the shared budget is on: such a call waits for its turn before its
    /// task starts.
    func goesUpstream(_ request: CheckedRequest) -> Bool {
        if case .read = request.role { return false }
        guard request.route.operation.isV3 else { return true }
        guard request.route.operation.name == "v3BatchReadAssociations",
            let body = request.body,
            let input = V3BatchReadRequestDecoding.decode(body.readableBytesView)
        else { return false }
        return (try? V3RequestTranslator().batchRead(input)) != nil
    }

    /// Serves a checked request and relays, translates or answers from the cache. A call that waited
    /// for its turn spends the task's `PrepaidTurn` on its first upstream call. Upstream calls that
    /// wait for the budget inside the task (retries, a v3 read after its catalog) are withdrawn from
    /// the queue if the client's connection closes before their turn (`ClientDisconnection`).
    func serve(_ request: CheckedRequest, channel: any Channel) async throws -> Response {
        let presence = ClientDisconnection(isGone: { ClientGoneWatcher.isGone(channel) })
        var response = try await ClientDisconnection.$current.withValue(presence) {
            try await serveChecked(request)
        }
        response.headers.append(contentsOf: request.shareHeaders)
        return response
    }

    private func serveChecked(_ request: CheckedRequest) async throws -> Response {
        if request.route.operation.isV3 {
            return try await v3.handle(
                request.route,
                body: request.body,
                forwardedHeaders: Self.forwardedHeaders(from: request.head.headerFields, hasBody: false),
                requestID: request.requestID,
                companyReads: request.settings.v3CompanyReads,
                createPreservesLabels: request.settings.v3CreatePreservesLabels
            )
        }
        let upstreamRequest = Self.upstreamRequest(for: request.head, uri: request.uri, route: request.route, body: request.body)
        if let cache, case .read(let key, let tags) = request.role {
            let transport = self.transport
            let answer = try await cache.read(key: key, tags: tags) { () async throws(GatewayError) -> UpstreamResponse in
                try await transport.send(upstreamRequest)
            }
            RequestTrace.current?.setCacheStatus(answer.cacheStatus)
            return ready(answering: answer, for: request.head).response
        }
        return try await relay(upstreamRequest, route: request.route, role: request.role, head: request.head, path: request.uri.path, body: request.body)
    }

    /// The answer to a request that failed a check, counted under `operation`.
    private static func failure(_ error: GatewayError, operation: GatewayOperation?, client: String?, requestID: String) -> CheckOutcome {
        let answer = EventLoopAnswer(
            response: HubSpotErrorResponse.ready(for: error, requestID: requestID),
            client: client,
            operation: operation,
            cacheStatus: nil
        )
        return .answer(answer, requestID: requestID)
    }

    /// The operation a request's path names, to count a call refused before routing (no key, an
    /// unknown key, over its client's share) under its route; nil when it names none.
    static func operation(of head: HTTPRequest) -> GatewayOperation? {
        head.path.flatMap { RouteClassifier.operation(method: head.method, path: Substring(URI($0).path)) }
    }
}
