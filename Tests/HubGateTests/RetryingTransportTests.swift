import HTTPTypes
import NIOCore
import Synchronization
import Testing

@testable import HubGate

/// What a repeated call's final answer says about attempts before it whose outcome is unknown.
struct RetryingTransportTests {
    /// Answers each call with the next scripted result.
    final class ScriptedTransport: UpstreamTransport {
        private let script: Mutex<[Result<UpstreamResponse, GatewayError>]>
        init(_ script: [Result<UpstreamResponse, GatewayError>]) { self.script = Mutex(script) }
        func send(_ request: UpstreamRequest) async throws(GatewayError) -> UpstreamResponse {
            try script.withLock { $0.removeFirst() }.get()
        }
    }

    static let labelDelete = UpstreamRequest(method: .delete, pathAndQuery: "/crm/v4/associations/contacts/deals/labels/100", kind: .idempotentWrite)
    static let fast = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1))

    static func send(_ script: [Result<UpstreamResponse, GatewayError>]) async -> Result<UpstreamResponse, GatewayError> {
        let transport = RetryingTransport(ScriptedTransport(script), policy: fast)
        do {
            return .success(try await transport.send(labelDelete))
        } catch {
            return .failure(error)
        }
    }

    /// A delete whose first attempt timed out (and may have taken effect) and whose repeat got 404:
    /// the 404 is marked as following an unknown outcome.
    @Test func answerAfterATimeoutIsMarked() async throws {
        let result = try await Self.send([.failure(.upstreamTimeout), .success(UpstreamResponse(status: .notFound))]).get()
        #expect(result.status == .notFound)
        #expect(result.followsAttemptWithUnknownOutcome)
    }

    /// A 5xx may have been applied too; a 429 was not.
    @Test func answerAfterA5xxIsMarkedButNotAfterA429() async throws {
        let after503 = try await Self.send([.success(UpstreamResponse(status: .serviceUnavailable)), .success(UpstreamResponse(status: .noContent))]).get()
        #expect(after503.followsAttemptWithUnknownOutcome)
        let first = try await Self.send([.success(UpstreamResponse(status: .noContent))]).get()
        #expect(!first.followsAttemptWithUnknownOutcome)
        let neverSent = try await Self.send([.failure(.upstreamUnreachable), .success(UpstreamResponse(status: .noContent))]).get()
        #expect(!neverSent.followsAttemptWithUnknownOutcome, "an attempt that never left cannot have been applied")
    }

    /// "Not sent" on the last attempt no longer describes a call whose earlier attempt was sent.
    @Test func notSentAfterASentAttemptIsOutcomeUnknown() async {
        let result = await Self.send([.failure(.upstreamConnectionLost), .failure(.upstreamUnreachable), .failure(.upstreamUnreachable)])
        #expect(result.failure == .upstreamConnectionLost)
        let neverSent = await Self.send([.failure(.upstreamUnreachable), .failure(.upstreamUnreachable), .failure(.upstreamUnreachable)])
        #expect(neverSent.failure == .upstreamUnreachable)
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
