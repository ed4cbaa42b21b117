import Foundation
import HTTPTypes
import HubSpotModel
import Hummingbird
import NIOCore

/// Serves the legacy v3 associations API by translating each call to v4 and the answer back.
///
/// Type names are resolved with an `AssociationTypeCatalog` built from the pair's v4 labels and the
/// definitions list, both read through the label cache, so a warm cache makes `types` free and adds
/// no upstream call to reads and writes.
struct V3Translator: Sendable {
    /// HubSpot, with the token.
    let transport: any UpstreamTransport
    /// The label and definitions cache (nil when disabled: every catalog then costs upstream reads).
    let cache: LabelCache?
    /// Names of user-defined labels created through HubGate (nil: none are remembered).
    let labelNames: (any LabelNameStorage)?
    /// Catalogs already built from the same cached documents.
    let catalogs: CatalogMemo
    private let requests = V3RequestTranslator()

    /// Creates a translator.
    init(
        transport: any UpstreamTransport,
        cache: LabelCache?,
        labelNames: (any LabelNameStorage)? = nil,
        catalogs: CatalogMemo = CatalogMemo()
    ) {
        self.transport = transport
        self.cache = cache
        self.labelNames = labelNames
        self.catalogs = catalogs
    }

    /// Answers one classified v3 call; `companyReads` and `createPreservesLabels` (whether a create
    /// first reads its pairs' current types and writes them again beside the new ones, since v4
    /// create replaces a pair's labels; see the Translation README) come with each call because a
    /// reload may change them.
    @inline(never)  // kept out of the v4 path's frame (see below)
    func handle(
        _ route: ClassifiedRoute,
        body: ByteBuffer?,
        forwardedHeaders: HTTPFields,
        requestID: String,
        companyReads: V3ResponseTranslator.CompanyReads,
        createPreservesLabels: Bool = true
    ) async throws -> Response {
        let answers = V3ResponseTranslator(companyReads: companyReads)
        guard let from = route.fromObjectType, let to = route.toObjectType else { throw GatewayError.routeNotFound }
        let bytes = body.map { Array($0.readableBytesView) } ?? []
        let call = Call(from: from, to: to, bytes: bytes, headers: forwardedHeaders, requestID: requestID, answers: answers)
        // One function per operation, none inlined: an async function's frame holds every local of
        // every branch, and lives as long as the call waits (for the budget, the cache, HubSpot).
        // One frame for all four took 4.5 KB of each v3 call in flight; inlined into the
        // forwarder, it made every v4 call's frame 1.8 KB larger.
        do {
            switch route.operation.name {
            case "v3ListAssociationTypes":
                return try await types(call)
            case "v3BatchReadAssociations":
                return try await batchRead(call)
            case "v3BatchCreateAssociations":
                return try await batchCreate(call, preservingLabels: createPreservesLabels)
            case "v3BatchArchiveAssociations":
                return try await batchArchive(call)
            default:
                throw GatewayError.routeNotFound
            }
        } catch let refused as CatalogReadRefused {
            // Without the pair's labels (or definitions) v3 names cannot be resolved: the call would
            // otherwise be answered as if the user-defined labels did not exist.
            return try error(refused.upstream, requestID: requestID, catalog: AssociationTypeCatalog(from: from, to: to), answers: answers)
        }
    }

    /// HubSpot answered a read the catalog needs (the pair's labels, a definitions page) with an
    /// error, and no cached copy stood in: that answer goes back to the client.
    private struct CatalogReadRefused: Error {
        let upstream: UpstreamResponse
    }

    /// What every operation of one v3 call needs.
    private struct Call {
        let from: ObjectType
        let to: ObjectType
        let bytes: [UInt8]
        let headers: HTTPFields
        let requestID: String
        let answers: V3ResponseTranslator

        var pairPath: String { "/crm/v4/associations/\(from.pathName)/\(to.pathName)" }
    }

    @inline(never)
    private func types(_ call: Call) async throws -> Response {
        let catalog = try await catalog(from: call.from, to: call.to, headers: call.headers)
        return try Self.json(call.answers.types(catalog: catalog))
    }

    @inline(never)
    private func batchRead(_ call: Call) async throws -> Response {
        // The hand-written readers and writer cover the common shapes; anything else takes the
        // Codable path, which also words the errors.
        let input = try V3BatchReadRequestDecoding.decode(call.bytes) ?? TranslationJSON.decodeRequest(V3.BatchInputPublicObjectId.self, from: call.bytes)
        let v4Input = try requests.batchRead(input)
        let catalog = try await catalog(from: call.from, to: call.to, headers: call.headers)
        let upstream = try await send(.post, call.pairPath + "/batch/read", bytes: V4BatchReadInputEncoding.encode(v4Input), kind: .batchRead, headers: call.headers)
        guard upstream.status.kind == .successful else { return try error(upstream, requestID: call.requestID, catalog: catalog, answers: call.answers) }
        let v4Answer = try Self.decodeBatchRead(upstream)
        let answer = call.answers.batchRead(v4Answer, catalog: catalog)
        await forgetStaleLabels(answer.unknownTypeKeys, from: call.from, to: call.to)
        if let bytes = V3BatchReadEncoding.encode(answer.body) {
            return Response(
                status: HTTPResponse.Status(code: answer.statusCode),
                headers: Self.headers(relayedFrom: upstream),
                body: .init(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
        return try Self.json(answer, relayedFrom: upstream)
    }

    @inline(never)
    private func batchCreate(_ call: Call, preservingLabels: Bool) async throws -> Response {
        let input = try TranslationJSON.decodeRequest(V3.BatchInputPublicAssociation.self, from: call.bytes)
        let catalog = try await beforeWriting { try await self.catalog(from: call.from, to: call.to, headers: call.headers) }
        var existing: V4.BatchAssociationResponse?
        if preservingLabels {
            let read = try await beforeWriting {
                try await existingTypes(of: input, catalog: catalog, pairPath: call.pairPath, headers: call.headers)
            }
            switch read {
            case .read(let answer): existing = answer
            case .refused(let upstream): return try error(upstream, requestID: call.requestID, catalog: catalog, answers: call.answers)
            }
        }
        let v4Input = try requests.batchCreate(input, catalog: catalog, existing: existing)
        let upstream = try await send(.post, call.pairPath + "/batch/create", v4Input, kind: .create, headers: call.headers)
        guard upstream.status.kind == .successful else { return try error(upstream, requestID: call.requestID, catalog: catalog, answers: call.answers) }
        let v4Answer = try TranslationJSON.decodeResponse(V4.BatchResponseLabelsBetweenObjectPair.self, from: upstream.body.readableBytesView)
        return try Self.json(call.answers.batchCreate(v4Answer, request: input, catalog: catalog), relayedFrom: upstream)
    }

    @inline(never)
    private func batchArchive(_ call: Call) async throws -> Response {
        let input = try TranslationJSON.decodeRequest(V3.BatchInputPublicAssociation.self, from: call.bytes)
        let catalog = try await beforeWriting { try await self.catalog(from: call.from, to: call.to, headers: call.headers) }
        let v4Input = try requests.batchArchive(input, catalog: catalog)
        let upstream = try await send(.post, call.pairPath + "/batch/labels/archive", v4Input, kind: .batchArchive, headers: call.headers)
        guard upstream.status.kind == .successful else { return try error(upstream, requestID: call.requestID, catalog: catalog, answers: call.answers) }
        var headers = Self.headers(relayedFrom: upstream)
        headers[.contentType] = nil  // no body
        return Response(status: HTTPResponse.Status(code: V3ResponseTranslator.batchArchiveStatusCode), headers: headers)
    }

    /// Runs a read a v3 write makes before sending the write (its catalog, a create's current
    /// types): if that read gets no answer, the client hears that nothing was written, not the
    /// "outcome unknown" of a write that timed out.
    private func beforeWriting<T>(_ read: () async throws -> T) async throws -> T {
        do {
            return try await read()
        } catch let error as GatewayError {
            throw error.beforeAnyWrite
        }
    }

    // MARK: - Current types before a create

    /// What reading a create's pairs' current types gave.
    private enum ExistingTypes {
        /// Every page of every `from` record.
        case read(V4.BatchAssociationResponse)
        /// HubSpot refused a read: this answer goes back to the client, and nothing is written.
        case refused(UpstreamResponse)
    }

    /// Reads every page of the current associations of the create's `from` records.
    private func existingTypes(of input: V3.BatchInputPublicAssociation, catalog: AssociationTypeCatalog, pairPath: String, headers: HTTPFields) async throws -> ExistingTypes {
        var pending = try ExistingTypesRead.firstReads(for: input, catalog: catalog, limits: requests.limits)
        var answers: [V4.BatchAssociationResponse] = []
        while !pending.isEmpty {
            guard answers.count < ExistingTypesRead.maxReads else {
                throw TranslationError.invalidUpstreamResponse("the pairs' current associations did not stop paging")
            }
            let read = pending.removeFirst()
            let upstream = try await send(.post, pairPath + "/batch/read", bytes: V4BatchReadInputEncoding.encode(read), kind: .batchRead, headers: headers)
            guard upstream.status.kind == .successful else { return .refused(upstream) }
            let answer = try Self.decodeBatchRead(upstream)
            answers.append(answer)
            if let next = ExistingTypesRead.nextRead(after: answer) { pending.append(next) }
        }
        return .read(try ExistingTypesRead.combined(answers))
    }

    // MARK: - Catalog

    /// The pair's catalog from its v4 labels and every definitions page, through the cache, and the
    /// names remembered from label creates (real HubSpot has no definitions list to name them).
    private func catalog(from: ObjectType, to: ObjectType, headers: HTTPFields) async throws -> AssociationTypeCatalog {
        let labels = try await cachedRead(
            path: "/crm/v4/associations/\(from.pathName)/\(to.pathName)/labels",
            key: .labels(from: from, to: to),
            tags: [.pair(from: from, to: to)],
            headers: headers
        )
        guard labels.status == .ok else { throw CatalogReadRefused(upstream: labels) }
        var documents = [labels.body]
        var after: String?
        // Real HubSpot has no definitions list (404); the seed contract and the simulator do, and it
        // carries the internal names v3 uses for user-defined labels. A 404 is not cached (only
        // 200s are), so without the memo every v3 call against HubSpot would ask again.
        for _ in 0..<(catalogs.isDefinitionsListMissing ? 0 : 20) {
            let query = "limit=500" + (after.map { "&after=\($0)" } ?? "")
            let page = try await cachedRead(
                path: "/crm/v4/associations/definitions?" + query,
                key: .definitions(after: after, limit: "500"),
                tags: [.definitions],
                headers: headers
            )
            if page.status == .notFound, after == nil {
                catalogs.noteDefinitionsListMissing()
                break
            }
            guard page.status == .ok else { throw CatalogReadRefused(upstream: page) }
            documents.append(page.body)
            guard let next = try catalogs.nextCursor(ofDefinitionsPage: page.body, after: after) else { break }
            after = next
        }
        let rememberedNames = await labelNames?.names(from: from, to: to) ?? [:]
        return try catalogs.catalog(from: from, to: to, documents: documents, rememberedNames: rememberedNames)
    }

    private func cachedRead(path: String, key: CacheKey, tags: Set<CacheTag>, headers: HTTPFields) async throws -> UpstreamResponse {
        let request = UpstreamRequest(method: .get, pathAndQuery: path, headerFields: headers)
        let transport = self.transport
        guard let cache else { return try await transport.send(request) }
        return try await cache.read(key: key, tags: tags) { () async throws(GatewayError) -> UpstreamResponse in
            try await transport.send(request)
        }.response
    }

    /// Type ids HubSpot returned that the labels did not list: the cached labels are out of date.
    private func forgetStaleLabels(_ unknown: Set<AssociationTypeKey>, from: ObjectType, to: ObjectType) async {
        guard !unknown.isEmpty, let cache else { return }
        await cache.invalidate(tags: [.pair(from: from, to: to)])
    }

    // MARK: - Upstream and answers

    private func send(_ method: HTTPRequest.Method, _ path: String, _ body: some Encodable, kind: UpstreamCallKind, headers: HTTPFields) async throws -> UpstreamResponse {
        try await send(method, path, bytes: try TranslationJSON.encode(body), kind: kind, headers: headers)
    }

    private func send(_ method: HTTPRequest.Method, _ path: String, bytes: [UInt8], kind: UpstreamCallKind, headers: HTTPFields) async throws -> UpstreamResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await transport.send(UpstreamRequest(method: method, pathAndQuery: path, headerFields: headers, body: ByteBuffer(bytes: bytes), kind: kind))
    }

    /// A v4 `batch/read` answer: by hand when it has the usual shape, else through Codable.
    private static func decodeBatchRead(_ upstream: UpstreamResponse) throws(TranslationError) -> V4.BatchAssociationResponse {
        let bytes = upstream.body.readableBytesView
        if let answer = V4BatchReadDecoding.decode(bytes) { return answer }
        return try TranslationJSON.decodeResponse(V4.BatchAssociationResponse.self, from: bytes)
    }

    /// A v4 error answer in v3's shape, with HubSpot's status.
    private func error(_ upstream: UpstreamResponse, requestID: String, catalog: AssociationTypeCatalog, answers: V3ResponseTranslator) throws -> Response {
        let statusCode = Int(upstream.status.code)
        let body: HubSpotErrorBody
        if let v4Error = try? TranslationJSON.decodeResponse(V4.Error.self, from: upstream.body.readableBytesView) {
            body = answers.error(v4Error, statusCode: statusCode, fallbackCorrelationID: requestID, catalog: catalog)
        } else {
            body = HubSpotErrorBody(
                message: "HubSpot answered with status \(statusCode).",
                correlationId: requestID,
                category: V3ResponseTranslator.category(forStatusCode: statusCode)
            )
        }
        return Response(status: upstream.status, headers: Self.headers(relayedFrom: upstream), body: .init(byteBuffer: ByteBuffer(bytes: try TranslationJSON.encode(body))))
    }

    /// A v3 answer as JSON; with `upstream`, the HubSpot call it translates lends its relayed headers.
    private static func json<Body>(_ answer: V3Answer<Body>, relayedFrom upstream: UpstreamResponse? = nil) throws -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.statusCode),
            headers: upstream.map(headers(relayedFrom:)) ?? [.contentType: "application/json;charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try TranslationJSON.encode(answer.body)))
        )
    }

    /// The headers of a v3 answer translated from `upstream`: HubSpot's rate-limit state and
    /// correlation id, as a v4 client gets them (a legacy client pacing itself by
    /// `X-HubSpot-RateLimit-Remaining` keeps working), with v3's content type.
    private static func headers(relayedFrom upstream: UpstreamResponse) -> HTTPFields {
        var headers = V4Forwarder.relayedHeaders(from: upstream.headerFields)
        headers[.contentType] = "application/json;charset=utf-8"
        return headers
    }
}
