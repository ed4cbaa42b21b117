/// How one attempt at HubSpot ended, as the upstream metrics count it.
package enum UpstreamCallOutcome: String, Sendable, Hashable, CaseIterable {
    /// 1xx–3xx.
    case success
    /// 4xx other than 429.
    case clientError = "client_error"
    /// 429: HubSpot's limits were hit despite the budget.
    case rateLimited = "rate_limited"
    /// 5xx.
    case serverError = "server_error"
    /// No complete answer within the timeout.
    case timeout
    /// The connection could not be made or was lost.
    case connectionError = "connection_error"

    /// The outcome of an answer with `status`.
    package init(status: Int) {
        switch status {
        case 429: self = .rateLimited
        case 400..<500: self = .clientError
        case 500...: self = .serverError
        default: self = .success
        }
    }
}
