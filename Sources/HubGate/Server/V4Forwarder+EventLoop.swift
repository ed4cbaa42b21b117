import HTTPTypes
import Hummingbird
import HummingbirdCore

extension V4Forwarder {
    /// What the event loop can do with a request whose head just arrived.
    enum EventLoopPlan {
        /// Refuse it: its client is over its share. Answered once the request (and any body) ended.
        case refuse(EventLoopAnswer, requestID: String)
        /// Look for a fresh memory-tier answer once the request ended, for this authenticated client.
        case tryMemoryHit(AuthenticatedClient)
    }

    /// Decides from the head alone, without suspending, whether the event loop may answer: nil sends
    /// the request the ordinary way untouched. Unauthenticated requests always go that way, so their
    /// errors come from one place.
    ///
    /// The checks are the ordinary path's, in its order (key, then the client's share, before
    /// routing or the body), and leave no trace unless the event loop answers: a client over its share
    /// is refused exactly as `check(_:body:)` would refuse it, and a client within it takes no token here.
    func plan(for head: HTTPRequest) -> EventLoopPlan? {
        guard let authorization = head.headerFields[.authorization],
            let client = settings.value.keyring.authenticate(authorization: authorization)
        else { return nil }
        var requestID = ""
        let refusal = clientLimiter.refusal(client: client.name) {
            requestID = RequestID.make()
            return requestID
        }
        if let refusal {
            // Refused before routing, so a path that names no route is still refused.
            return .refuse(EventLoopAnswer(response: refusal, client: client.name, operation: Self.operation(of: head), cacheStatus: nil), requestID: requestID)
        }
        guard head.method == .get, cache != nil else { return nil }
        return .tryMemoryHit(client)
    }

    /// The answer for a request that a fresh memory-tier entry can serve, decided without suspending:
    /// nil whenever anything would have to wait (SQLite, HubSpot, a revalidation) or the request is not
    /// an authorised cacheable read, and then the request takes the ordinary path untouched.
    ///
    /// Nothing is counted and no client token is taken before the hit is in hand, so a request that
    /// falls back is not counted twice. A client without the scope falls back for its 403.
    func memoryHit(for head: HTTPRequest, client: AuthenticatedClient, requestID: String) -> EventLoopAnswer? {
        guard let cache, let target = head.path else { return nil }
        let uri = URI(target)
        guard let route = try? RouteClassifier.classify(method: head.method, path: Substring(uri.path)),
            case .read(let key, _) = CacheRule.role(for: route, query: uri.query),
            client.scopes.contains(route.operation.scope),
            let answer = cache.freshMemoryAnswer(for: key)
        else { return nil }

        var response = ready(answering: answer, for: head)
        switch clientLimiter.check(client: client.name, requestID: requestID) {
        case .refuse(let refusal):
            return EventLoopAnswer(response: refusal, client: client.name, operation: route.operation, cacheStatus: nil)
        case .proceed(let headers):
            response.headers.append(contentsOf: headers)
        case .unlimited:
            break
        }
        cache.statistics.recordHit()
        return EventLoopAnswer(response: response, client: client.name, operation: route.operation, cacheStatus: answer.cacheStatus)
    }
}
