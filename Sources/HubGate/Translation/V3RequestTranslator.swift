import HubSpotModel

/// v3 requests → v4 requests: validates everything a v3 client sent and builds the v4 body, or
/// throws a 400-style `TranslationError` before anything is sent upstream.
///
/// Inputs for the same pair of records are merged into one v4 input carrying all their types: v4
/// create *replaces* a pair's labels, so two inputs for one pair would undo each other.
package struct V3RequestTranslator: Hashable, Sendable {
    /// Batch size limits.
    package var limits: V3BatchLimits

    /// Creates a translator with HubSpot's limits unless told otherwise.
    package init(limits: V3BatchLimits = V3BatchLimits()) {
        self.limits = limits
    }

    /// v3 `batch/read` → v4 `batch/read`: the same record ids, canonical, without duplicates.
    package func batchRead(_ input: V3.BatchInputPublicObjectId) throws(TranslationError) -> V4.BatchAssociationReadInput {
        try checkSize(input.inputs.count, limit: limits.maxReadInputs)
        var seen = Set<V4.FetchAssociationsInput>()
        var references: [V4.FetchAssociationsInput] = []
        for (index, object) in input.inputs.enumerated() {
            let id = try Self.canonicalID(object.id, path: "inputs[\(index)].id")
            if let after = object.after, after.isEmpty {
                throw TranslationError.wrongType("inputs[\(index)].after", expected: "a paging cursor from an earlier answer")
            }
            let reference = V4.FetchAssociationsInput(id: id, after: object.after)
            if seen.insert(reference).inserted { references.append(reference) }
        }
        return V4.BatchAssociationReadInput(inputs: references)
    }

    /// v3 `batch/create` → v4 `batch/create` with each `type` resolved through `catalog`.
    ///
    /// - Parameter existing: a v4 `batch/read` of the inputs' `from` records, when the gateway wants
    ///   v3's *add* semantics: each pair's current types are written again beside the new one, so v4's
    ///   replace semantics cannot drop them. Nil writes only the requested types.
    package func batchCreate(
        _ input: V3.BatchInputPublicAssociation,
        catalog: AssociationTypeCatalog,
        existing: V4.BatchAssociationResponse? = nil
    ) throws(TranslationError) -> V4.BatchAssociationCreateInput {
        try checkSize(input.inputs.count, limit: limits.maxCreateInputs)
        let groups = try Self.groupedByPair(input.inputs, catalog: catalog)
        var current: [RecordPair: [AssociationTypeKey]] = [:]
        for result in existing?.results ?? [] {
            for association in result.to {
                current[RecordPair(from: result.from.id, to: association.toObjectId), default: []] += association.associationTypes.map(\.key)
            }
        }
        return V4.BatchAssociationCreateInput(inputs: groups.map { group in
            var keys: [AssociationTypeKey] = []
            for key in (current[group.pair] ?? []) + group.keys where !keys.contains(key) { keys.append(key) }
            return V4.BatchAssociationCreateItem(
                from: V4.ObjectReference(id: group.pair.from),
                to: V4.ObjectReference(id: group.pair.to),
                types: keys.map(V4.AssociationTypeInput.init)
            )
        })
    }

    /// v3 `batch/archive` → v4 `batch/labels/archive` removing exactly the named types (v4
    /// `batch/archive` would remove every type between the records).
    package func batchArchive(_ input: V3.BatchInputPublicAssociation, catalog: AssociationTypeCatalog) throws(TranslationError) -> V4.BatchAssociationArchiveInput {
        if let limit = limits.maxArchiveInputs {
            try checkSize(input.inputs.count, limit: limit)
        } else if input.inputs.isEmpty {
            throw .emptyInputs
        }
        let groups = try Self.groupedByPair(input.inputs, catalog: catalog)
        return V4.BatchAssociationArchiveInput(inputs: groups.map { group in
            V4.BatchAssociationArchiveItem(
                from: V4.ObjectReference(id: group.pair.from),
                to: V4.ObjectReference(id: group.pair.to),
                types: group.keys.map(V4.AssociationTypeInput.init)
            )
        })
    }

    // MARK: - Validation

    /// A record id as HubSpot writes it: decimal digits without leading zeros, within Int64.
    package static func canonicalID(_ id: String, path: String) throws(TranslationError) -> String {
        guard !id.isEmpty, id.count <= 19, id.allSatisfy(\.isASCIIDigit), let value = Int64(id) else {
            throw .invalidObjectID(path, value: id)
        }
        return String(value)
    }

    private func checkSize(_ count: Int, limit: Int) throws(TranslationError) {
        if count == 0 { throw .emptyInputs }
        if count > limit { throw .tooManyInputs(count: count, limit: limit) }
    }

    /// Two record ids, canonical.
    struct RecordPair: Hashable {
        /// The source record's canonical id.
        var from: String
        /// The target record's canonical id.
        var to: String
    }

    /// Validates every input, then groups their types by pair of records in first-seen order.
    static func groupedByPair(
        _ inputs: [V3.PublicAssociation],
        catalog: AssociationTypeCatalog
    ) throws(TranslationError) -> [(pair: RecordPair, keys: [AssociationTypeKey])] {
        var order: [RecordPair] = []
        var keys: [RecordPair: [AssociationTypeKey]] = [:]
        for (index, input) in inputs.enumerated() {
            let pair = RecordPair(
                from: try canonicalID(input.from.id, path: "inputs[\(index)].from.id"),
                to: try canonicalID(input.to.id, path: "inputs[\(index)].to.id")
            )
            let key = try catalog.key(forV3Name: input.type)
            if keys[pair] == nil { order.append(pair) }
            if !(keys[pair]?.contains(key) ?? false) { keys[pair, default: []].append(key) }
        }
        return order.map { ($0, keys[$0]!) }
    }
}
