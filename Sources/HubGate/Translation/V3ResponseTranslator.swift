import HubSpotModel

/// v4 answers → v3 answers with v3's exact status codes (types 200, create 201/207, read 200/207,
/// archive 204), reading either upstream vocabulary.
package struct V3ResponseTranslator: Hashable, Sendable {
    /// What a v3 `batch/read` toward companies returns.
    package enum CompanyReads: Hashable, Sendable {
        /// v3's documented rule: only the primary company (every type of it is listed).
        case primaryOnly
        /// Every associated company, as v4 would.
        case all
    }

    /// The rule for reads toward companies.
    package var companyReads: CompanyReads

    /// Creates a translator; by default reads toward companies keep only the primary company.
    package init(companyReads: CompanyReads = .primaryOnly) {
        self.companyReads = companyReads
    }

    /// The status code of a translated v3 `batch/archive`: 204 without a body, whatever 2xx v4 gave.
    package static let batchArchiveStatusCode = 204

    /// v4 `batch/read` → v3 `batch/read`: one `{id, type}` per associated record and type, v3 names
    /// from `catalog`; 207 with `numErrors`/`errors` when v4 reported errors (HubSpot's
    /// `NO_ASSOCIATIONS_FOUND` passes through), else 200. Toward companies with `.primaryOnly`, only
    /// records carrying one of the pair's primary types are kept (pairs without a primary type, such
    /// as company → company, keep all).
    package func batchRead(
        _ response: V4.BatchAssociationResponse,
        catalog: AssociationTypeCatalog
    ) -> V3Answer<V3.BatchResponsePublicAssociationMulti> {
        let primaryKeys = catalog.primaryKeys
        let keepsPrimaryOnly = companyReads == .primaryOnly && catalog.to.standard == .companies && !primaryKeys.isEmpty
        var unknown = Set<AssociationTypeKey>()
        let results = response.results.map { result in
            var entries: [V3.AssociatedId] = []
            var seen = Set<V3.AssociatedId>()
            for association in result.to {
                if keepsPrimaryOnly, !association.associationTypes.contains(where: { primaryKeys.contains($0.key) }) { continue }
                for type in association.associationTypes {
                    if !catalog.contains(type.key) { unknown.insert(type.key) }
                    let entry = V3.AssociatedId(id: association.toObjectId, type: catalog.v3Name(for: type.key))
                    if seen.insert(entry).inserted { entries.append(entry) }
                }
            }
            let paging = result.paging?.next?.after.map { V4.Paging(next: V4.Paging.Next(after: $0)) }
            return V3.PublicAssociationMulti(from: V3.PublicObjectId(id: result.from.id), to: entries, paging: paging)
        }
        let errors = (response.errors ?? []).map { standardError($0, catalog: catalog) }
        let body = V3.BatchResponsePublicAssociationMulti(
            status: response.status,
            results: results,
            numErrors: errors.isEmpty ? nil : errors.count,
            errors: errors.isEmpty ? nil : errors,
            requestedAt: response.requestedAt,
            startedAt: response.startedAt,
            completedAt: response.completedAt
        )
        return V3Answer(statusCode: errors.isEmpty ? 200 : 207, body: body, unknownTypeKeys: unknown)
    }

    /// v4 `batch/create` → v3 `batch/create`, rebuilt from the v3 request (v4 answers with display
    /// labels, not types): every input whose pair of records appears in v4's results is reported
    /// created, with its type's catalog name. 201, or 207 with v4's errors when there were any.
    package func batchCreate(
        _ response: V4.BatchResponseLabelsBetweenObjectPair,
        request: V3.BatchInputPublicAssociation,
        catalog: AssociationTypeCatalog
    ) -> V3Answer<V3.BatchResponsePublicAssociation> {
        let written = Set(response.results.map { V3RequestTranslator.RecordPair(from: Self.canonical($0.fromObjectId), to: Self.canonical($0.toObjectId)) })
        var results: [V3.PublicAssociation] = []
        var seen = Set<V3.PublicAssociation>()
        for input in request.inputs {
            let from = Self.canonical(input.from.id)
            let to = Self.canonical(input.to.id)
            guard written.contains(V3RequestTranslator.RecordPair(from: from, to: to)) else { continue }
            let type = (try? catalog.key(forV3Name: input.type)).map(catalog.v3Name(for:)) ?? input.type
            let association = V3.PublicAssociation(from: V3.PublicObjectId(id: from), to: V3.PublicObjectId(id: to), type: type)
            if seen.insert(association).inserted { results.append(association) }
        }
        let errors = (response.errors ?? []).map { standardError($0, catalog: catalog) }
        let body = V3.BatchResponsePublicAssociation(
            status: response.status,
            results: results,
            numErrors: errors.isEmpty ? nil : errors.count,
            errors: errors.isEmpty ? nil : errors,
            requestedAt: response.requestedAt,
            startedAt: response.startedAt,
            completedAt: response.completedAt
        )
        return V3Answer(statusCode: errors.isEmpty ? 201 : 207, body: body)
    }

    /// v3 `GET …/types`, 200: every type the catalog knows, ids as strings.
    package func types(catalog: AssociationTypeCatalog) -> V3Answer<V3.CollectionResponsePublicAssociationDefinitionNoPaging> {
        V3Answer(statusCode: 200, body: V3.CollectionResponsePublicAssociationDefinitionNoPaging(results: catalog.v3Definitions))
    }

    // MARK: - Errors

    /// A v4 error body → the v3 (HubSpot-shaped) error body. Status code, category, `subCategory`,
    /// `context`, `errors`, `links` and the 429 fields pass through; what is missing is filled in
    /// (`correlationId` from `fallbackCorrelationID`, `category` from `statusCode`). A rejected
    /// `associationSpec` (`USER_DEFINED=3`) also gets its v3 name under `context.type`.
    package func error(
        _ error: V4.Error,
        statusCode: Int,
        fallbackCorrelationID: String,
        catalog: AssociationTypeCatalog? = nil
    ) -> HubSpotErrorBody {
        HubSpotErrorBody(
            message: error.message ?? "HubSpot answered with status \(statusCode).",
            correlationId: error.correlationId ?? fallbackCorrelationID,
            category: error.category ?? Self.category(forStatusCode: statusCode),
            subCategory: error.subCategory,
            context: Self.withV3TypeNames(error.context, catalog: catalog),
            errors: error.errors?.map { HubSpotErrorBody.Detail(message: $0.message, code: $0.code, subCategory: $0.subCategory, in: $0.in, context: $0.context) },
            links: error.links,
            policyName: error.policyName,
            errorType: error.errorType
        )
    }

    /// One v4 multi-status error → the v3 `StandardError`, with every field v3 requires.
    package func standardError(_ error: V4.StandardError, catalog: AssociationTypeCatalog? = nil) -> V3.StandardError {
        V3.StandardError(
            status: error.status ?? "error",
            id: error.id,
            category: error.category ?? HubSpotErrorCategory.validation,
            subCategory: error.subCategory,
            message: error.message ?? "",
            context: Self.withV3TypeNames(error.context, catalog: catalog) ?? [:],
            links: error.links ?? [:],
            errors: error.errors ?? []
        )
    }

    /// HubSpot's category for a status when the body has none.
    package static func category(forStatusCode statusCode: Int) -> String {
        switch statusCode {
        case 401: HubSpotErrorCategory.invalidAuthentication
        case 403: HubSpotErrorCategory.missingScopes
        case 404: HubSpotErrorCategory.objectNotFound
        case 429: HubSpotErrorCategory.rateLimits
        case 502: HubSpotErrorCategory.badGateway
        case 503: HubSpotErrorCategory.serviceUnavailable
        case 504: HubSpotErrorCategory.gatewayTimeout
        case 500...: HubSpotErrorCategory.internalError
        default: HubSpotErrorCategory.validation
        }
    }

    /// Adds `type: [v3 names]` for `associationSpec: ["USER_DEFINED=3"]` entries.
    private static func withV3TypeNames(_ context: [String: [String]]?, catalog: AssociationTypeCatalog?) -> [String: [String]]? {
        guard var context, let catalog, let specs = context["associationSpec"], context["type"] == nil else { return context }
        let names = specs.compactMap { spec -> String? in
            let parts = spec.split(separator: "=")
            guard parts.count == 2, let category = AssociationCategory(rawValue: String(parts[0])), let id = Int(parts[1]) else { return nil }
            return catalog.v3Name(for: AssociationTypeKey(category, id))
        }
        if !names.isEmpty { context["type"] = names }
        return context
    }

    /// Upstream ids compared in canonical form (`053` and `53` are one record).
    private static func canonical(_ id: String) -> String {
        (try? V3RequestTranslator.canonicalID(id, path: "id")) ?? id
    }
}
