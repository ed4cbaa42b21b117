import HTTPTypes
import Hummingbird
import HummingbirdCore

extension V4Forwarder {
    /// The answer for a request that a fresh memory-tier entry can serve, decided without suspending:
    /// nil whenever anything would have to wait (SQLite, HubSpot, a revalidation) or the request is not
    /// a plain authorised cacheable read, and then the request takes the ordinary path untouched.
    ///
    /// The checks are the ordinary path's, in an order that leaves no trace until the answer is
    /// certain: nothing is counted and no client token is taken before the hit is in hand, so a request
    /// that falls back is not counted twice. Unauthenticated and unauthorised requests always fall
    /// back, so their errors come from one place.
    func memoryHit(for head: HTTPRequest, requestID: String) -> MemoryHit? {
        guard head.method == .get, let cache, let target = head.path else { return nil }
        let uri = URI(target)
        guard let route = try? RouteClassifier.classify(method: head.method, path: Substring(uri.path)),
            case .read(let key, _) = CacheRule.role(for: route, query: uri.query)
        else { return nil }
        let settings = self.settings.value
        guard let client = settings.keyring.authenticate(authorization: head.headerFields[.authorization]),
            client.scopes.contains(route.operation.scope),
            let answer = cache.freshMemoryAnswer(for: key)
        else { return nil }

        var response = Self.ready(answering: answer)
        switch clientLimiter.check(client: client.name, requestID: requestID) {
        case .refuse(let refusal):
            return MemoryHit(response: refusal, client: client.name, operation: route.operation, cacheStatus: nil)
        case .proceed(let headers):
            response.headers.append(contentsOf: headers)
        case .unlimited:
            break
        }
        cache.statistics.recordHit()
        return MemoryHit(response: response, client: client.name, operation: route.operation, cacheStatus: answer.cacheStatus)
    }
}
