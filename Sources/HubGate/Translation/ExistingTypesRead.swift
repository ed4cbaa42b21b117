/// Reading the current types of a v3 create's pairs before writing, so v4's *replace* semantics
/// cannot drop what v3's *add* semantics keep (README, "v3 create vs v4 replace semantics"). Pure:
/// which v4 `batch/read`s to send, how to continue a record whose associations were cut into pages,
/// and what the answers add up to for `V3RequestTranslator.batchCreate(_:catalog:existing:)`.
package enum ExistingTypesRead {
    /// The most pages followed for one create: a guard against an upstream that never stops paging,
    /// far above any real record (HubSpot pages at 500 associations).
    package static let maxReads = 200

    /// The first reads: the inputs' distinct `from` records in first-seen order, at most
    /// `limits.maxReadInputs` per read. Validates the request exactly as the create will (ids, type
    /// names, sizes), so a request refused with a 400 costs no upstream call.
    package static func firstReads(
        for input: V3.BatchInputPublicAssociation,
        catalog: AssociationTypeCatalog,
        limits: V3BatchLimits = V3BatchLimits()
    ) throws(TranslationError) -> [V4.BatchAssociationReadInput] {
        _ = try V3RequestTranslator(limits: limits).batchCreate(input, catalog: catalog)
        var seen = Set<String>()
        var ids: [String] = []
        for (index, association) in input.inputs.enumerated() {
            let id = try V3RequestTranslator.canonicalID(association.from.id, path: "inputs[\(index)].from.id")
            if seen.insert(id).inserted { ids.append(id) }
        }
        let chunk = max(1, limits.maxReadInputs)
        return stride(from: 0, to: ids.count, by: chunk).map { start in
            V4.BatchAssociationReadInput(inputs: ids[start..<min(ids.count, start + chunk)].map { V4.FetchAssociationsInput(id: $0) })
        }
    }

    /// The read continuing every record of `answer` that has more associations, or nil when none has.
    package static func nextRead(after answer: V4.BatchAssociationResponse) -> V4.BatchAssociationReadInput? {
        let inputs = answer.results.compactMap { result in
            result.paging?.next?.after.map { V4.FetchAssociationsInput(id: result.from.id, after: $0) }
        }
        return inputs.isEmpty ? nil : V4.BatchAssociationReadInput(inputs: inputs)
    }

    /// Every page's results as one answer for `batchCreate(_:catalog:existing:)`.
    ///
    /// A record HubSpot reports as having no associations (`NO_ASSOCIATIONS_FOUND`, real HubSpot's
    /// 207) simply has none. Any other per-record error means its current types are unknown, and
    /// writing without them could drop labels: that is a 502, and nothing is written.
    package static func combined(_ answers: [V4.BatchAssociationResponse]) throws(TranslationError) -> V4.BatchAssociationResponse {
        for error in answers.flatMap({ $0.errors ?? [] }) where error.subCategory != noAssociationsFound {
            throw .invalidUpstreamResponse("the pairs' current associations could not be read (\(error.category ?? "error"))")
        }
        return V4.BatchAssociationResponse(
            results: answers.flatMap(\.results),
            startedAt: answers.first?.startedAt ?? "",
            completedAt: answers.last?.completedAt ?? ""
        )
    }

    /// HubSpot's sub-category for a record without associations.
    static let noAssociationsFound = "crm.associations.NO_ASSOCIATIONS_FOUND"
}
