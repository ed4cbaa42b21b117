import Foundation
import HTTPTypes
import HubSpotModel
import Hummingbird
import HummingbirdCore
import NIOCore

/// Serves every client call: checks it once (`check(_:body:)`: key, client share, route, scope,
/// body), then forwards a v4 call to HubSpot with HubSpot's token and relays HubSpot's answer
/// unchanged, answers it from the cache, or hands a v3 call to its translation.
struct V4Forwarder: Sendable {
    /// Who may call, the body limit and v3 settings, replaced as a whole by a reload.
    let settings: ReloadableValue<RequestSettings>
    /// HubSpot, with the token.
    let transport: any UpstreamTransport
    /// The label and definitions cache; nil when disabled.
    let cache: LabelCache?
    /// The legacy v3 API, translated.
    let v3: V3Translator
    /// Each client's own share (it answers `.unlimited` while per-client limits are off).
    let clientLimiter: ClientRateLimiter
    /// Where the v3 names of labels created through HubGate are kept; nil: not kept.
    var labelNames: (any LabelNameStorage)? = nil
    /// Points HubSpot's paging links at HubGate; nil: links pass unchanged.
    var pagingLinks: PagingLinkRewriter? = nil

    /// What goes upstream for a v4 call to `route`.
    static func upstreamRequest(for head: HTTPRequest, uri: URI, route: ClassifiedRoute, body: ByteBuffer?) -> UpstreamRequest {
        UpstreamRequest(
            method: head.method,
            pathAndQuery: pathAndQuery(of: uri),
            headerFields: forwardedHeaders(from: head.headerFields, hasBody: body != nil),
            body: body,
            kind: route.operation.callKind(method: head.method)
        )
    }

    /// Sends a v4 call that the cache does not answer (`role` is `.none` or `.invalidate`) and relays
    /// HubSpot's answer.
    func relay(_ upstreamRequest: UpstreamRequest, route: ClassifiedRoute, role: CacheRole, head: HTTPRequest, path: String, body: ByteBuffer?) async throws -> Response {
        let upstream: UpstreamResponse
        if let cache, case .invalidate(let tags) = role {
            upstream = try await sendInvalidating(upstreamRequest, tags: tags, cache: cache)
        } else {
            upstream = try await transport.send(upstreamRequest)
        }
        await rememberLabelNames(route: route, path: path, requestBody: body, upstream: upstream)
        return response(relaying: upstream, for: head)
    }

    /// Keeps the v3 names a label create acknowledged by HubSpot carries (and drops a deleted
    /// label's), before the writer hears back, so its next v3 call already sees them.
    private func rememberLabelNames(route: ClassifiedRoute, path: String, requestBody: ByteBuffer?, upstream: UpstreamResponse) async {
        guard let labelNames, route.operation.name == "createAssociationLabel" || route.operation.name == "deleteAssociationLabel" else { return }
        let change = LabelNameChange.made(
            by: route.operation.name,
            from: route.fromObjectType,
            to: route.toObjectType,
            path: path,
            requestBody: requestBody?.readableBytesView ?? ByteBuffer().readableBytesView,
            statusCode: Int(upstream.status.code),
            responseBody: upstream.body.readableBytesView
        )
        if let change { await labelNames.record(change) }
    }

    /// Sends a write that changes labels; once HubSpot accepted it, or if its outcome is unknown (a
    /// timeout or lost connection after sending, a 5xx, or an answer to a repeat of such an
    /// attempt), the affected cache entries are gone before the writer hears back (read-your-writes).
    /// A write that HubSpot rejected (4xx, on its only attempt) invalidates nothing in memory; every
    /// write's entries leave the disk before it is sent.
    private func sendInvalidating(_ request: UpstreamRequest, tags: Set<CacheTag>, cache: LabelCache) async throws -> UpstreamResponse {
        // Off the disk first: if HubGate dies while the write is out, a restart must not serve what
        // HubSpot may have changed meanwhile.
        await cache.prepareForWrite(tags: tags)
        let upstream: UpstreamResponse
        do {
            upstream = try await transport.send(request)
        } catch {
            if error == .upstreamTimeout || error == .upstreamConnectionLost {
                await cache.invalidate(tags: tags)
            }
            throw error
        }
        if upstream.status.kind == .successful || upstream.status.kind == .serverError || upstream.followsAttemptWithUnknownOutcome {
            await cache.invalidate(tags: tags)
        }
        return upstream
    }

    /// HubSpot's answer as the client of `head` receives it.
    private func response(relaying upstream: UpstreamResponse, for head: HTTPRequest) -> Response {
        Response(
            status: upstream.status,
            headers: Self.relayedHeaders(from: upstream.headerFields),
            body: ResponseBody(byteBuffer: linkingHere(upstream.body, for: head))
        )
    }

    /// The cache's answer as the client of `head` receives it (`ready(answering:)`), its paging
    /// links pointing at HubGate.
    func ready(answering answer: CacheAnswer, for head: HTTPRequest) -> ReadyResponse {
        var response = Self.ready(answering: answer)
        response.body = linkingHere(response.body, for: head)
        return response
    }

    /// `body` with its paging links on HubGate's origin as the client of `head` reached it.
    private func linkingHere(_ body: ByteBuffer, for head: HTTPRequest) -> ByteBuffer {
        // The origin is worked out only for the rare body that has a link: it costs a string.
        guard let pagingLinks, pagingLinks.hasLinks(in: body) else { return body }
        return pagingLinks.rewrite(body, gatewayOrigin: PagingLinkRewriter.gatewayOrigin(of: head)) ?? body
    }

    /// The cache's answer as the client receives it: HubSpot's relayed headers plus `Cache-Status`,
    /// and `Age` when it came from the cache.
    static func ready(answering answer: CacheAnswer) -> ReadyResponse {
        var response = ReadyResponse(
            status: answer.response.status,
            headers: relayedHeaders(from: answer.response.headerFields),
            body: answer.response.body
        )
        response.headers[.cacheStatus] = answer.cacheStatus
        if case .cache(let age) = answer.source {
            response.headers[.age] = String(age)
        }
        return response
    }

    /// Whether `headers` announce a body (`Content-Length`) longer than `maxBodyBytes`: refused before
    /// it arrives.
    static func announcesBody(in headers: HTTPFields, over maxBodyBytes: Int) -> Bool {
        guard let length = headers[.contentLength].flatMap(Int.init) else { return false }
        return length > maxBodyBytes
    }

    /// The body, bounded and checked to be JSON where the operation takes JSON; nil where it takes none.
    static func checkedBody(of headers: HTTPFields, received body: ByteBuffer, for operation: GatewayOperation, maxBodyBytes: Int) throws(GatewayError) -> ByteBuffer? {
        // Either check alone can miss: a body cut short at the limit, a chunked body with no length.
        if announcesBody(in: headers, over: maxBodyBytes) {
            throw GatewayError.payloadTooLarge(limit: maxBodyBytes)
        }
        guard body.readableBytes <= maxBodyBytes else { throw GatewayError.payloadTooLarge(limit: maxBodyBytes) }
        guard operation.expectsJSONBody else {
            return body.readableBytes > 0 ? body : nil
        }
        guard JSONSyntax.isValid(body.readableBytesView) else { throw GatewayError.invalidJSON }
        return body
    }

    /// The client's path and query, minus credentials HubSpot retired (`hapikey`), which must never
    /// travel upstream, however its name is spelt: HubSpot decodes `%68apikey` to `hapikey` too. The
    /// schema spec's word order (`/crm/associations/v4/…`) goes upstream in the one every official
    /// client uses (`/crm/v4/associations/…`).
    static func pathAndQuery(of uri: URI) -> String {
        let path = RouteClassifier.usualSpelling(of: uri.path)
        guard let query = uri.query, !query.isEmpty else { return path }
        let kept = query.split(separator: "&").filter { item in
            let name = item.split(separator: "=", maxSplits: 1).first ?? ""
            let decoded = name.contains("%") ? String(name).removingPercentEncoding ?? String(name) : String(name)
            return decoded.lowercased() != "hapikey"
        }
        return kept.isEmpty ? path : path + "?" + kept.joined(separator: "&")
    }

    /// Only content negotiation and the user agent go upstream; the client's credentials, cookies and
    /// hop-by-hop headers never do.
    static func forwardedHeaders(from headers: HTTPFields, hasBody: Bool) -> HTTPFields {
        var forwarded = HTTPFields()
        if hasBody {
            forwarded[.contentType] = headers[.contentType] ?? "application/json"
        }
        forwarded[.accept] = headers[.accept] ?? "application/json"
        if let userAgent = headers[.userAgent] {
            forwarded[.userAgent] = "hubgate " + userAgent.prefix(200)
        } else {
            forwarded[.userAgent] = "hubgate"
        }
        return forwarded
    }

    /// HubSpot's answer headers a client relies on: content type, rate-limit state, correlation id
    /// and `Retry-After`.
    static func relayedHeaders(from headers: HTTPFields) -> HTTPFields {
        var relayed = HTTPFields()
        for field in headers {
            let name = field.name.canonicalName
            if name == "content-type" || name == "retry-after" || name.hasPrefix("x-hubspot-") {
                relayed.append(field)
            }
        }
        return relayed
    }
}
