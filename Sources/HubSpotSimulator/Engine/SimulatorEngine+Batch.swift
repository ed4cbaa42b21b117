import Foundation
import HTTPTypes
import HubSpotModel

/// The batch endpoints (`/crm/v4/associations/{from}/{to}/batch/…`).
extension SimulatorEngine {
    /// `batch/read`: one page of associations per input; `after` continues one record.
    ///
    /// hubspot: records with no associations become `NO_ASSOCIATIONS_FOUND` errors and the answer is
    /// 207, as HubSpot does. seed: they are results with an empty `to` and the answer is 200.
    mutating func batchRead(_ route: SimulatorRoute, _ request: SimulatorRequest, date: Date) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let body = try decode(RequestBodies.Batch<RequestBodies.ReadInput>.self, from: request.body)
        try checkBatchSize(body.inputs.count, limit: configuration.maxBatchReadInputs)
        let table = labelTable(for: pair)
        let pageSize = configuration.batchReadPageSize
        var results: [JSONValue] = []
        var errors: [JSONValue] = []
        results.reserveCapacity(body.inputs.count)
        for input in body.inputs {
            let fromID = try recordID(input.id)
            let start = try offset(fromCursor: input.after)
            let all = graph.associations(of: fromID, pair: pair)
            if all.isEmpty, dialect == .hubspot {
                errors.append(noAssociationsError(pair: pair, fromID: fromID))
                continue
            }
            let end = min(all.count, start + pageSize)
            let page = start < end ? all[start..<end].map { associationJSON(toID: $0.toID, types: $0.types, labels: table) } : []
            let paging: JSONValue? = end < all.count ? .object([("next", .object([("after", .string(Self.cursor(offset: end)))]))]) : nil
            results.append(associationResultJSON(fromID: fromID, to: page, paging: paging))
        }
        return (errors.isEmpty ? .ok : .multiStatus, batchJSON(results: results, errors: errors, date: date))
    }

    /// `batch/create`: labeled associations, one `LabelsBetweenObjectPair` (hubspot) or
    /// `AssociationResult` (seed) per input. Invalid types fail their input only.
    mutating func batchCreate(_ route: SimulatorRoute, _ request: SimulatorRequest, date: Date) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let body = try decode(RequestBodies.Batch<RequestBodies.PairInput>.self, from: request.body)
        try checkBatchSize(body.inputs.count, limit: configuration.maxBatchCreateInputs)
        var results: [JSONValue] = []
        var errors: [JSONValue] = []
        for input in body.inputs {
            let fromID = try recordID(input.from.id)
            let toID = try recordID(input.to.id)
            do {
                let definitions = input.types.isEmpty ? [try unlabeledDefinition(for: pair)] : try definitions(for: input.types, pair: pair)
                associate(definitions, pair: pair, fromID: fromID, toID: toID, replacing: configuration.createReplacesLabels)
            } catch let error as SimulatorError {
                errors.append(batchErrorJSON(error))
                continue
            }
            switch dialect {
            case .seed:
                let association = associationJSON(toID: toID, types: graph.types(from: fromID, to: toID, pair: pair), labels: labelTable(for: pair))
                results.append(associationResultJSON(fromID: fromID, to: [association], paging: nil))
            case .hubspot:
                results.append(labelsBetweenJSON(pair: pair, fromID: fromID, toID: toID))
            }
        }
        let status: HTTPResponse.Status =
            switch dialect {
            case .seed: .ok
            case .hubspot: errors.isEmpty ? .created : .multiStatus
            }
        return (status, batchJSON(results: results, errors: errors, date: date))
    }

    /// `batch/associate/default` → 200 with two `PublicDefaultAssociation`s per input.
    mutating func batchCreateDefault(_ route: SimulatorRoute, _ request: SimulatorRequest, date: Date) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let body = try decode(RequestBodies.Batch<RequestBodies.DefaultInput>.self, from: request.body)
        try checkBatchSize(body.inputs.count, limit: configuration.maxBatchCreateInputs)
        let ids = try body.inputs.map { (try recordID($0.from.id), try recordID($0.to.id)) }
        var results: [JSONValue] = []
        for (fromID, toID) in ids {
            results += try associateDefault(pair: pair, fromID: fromID, toID: toID)
        }
        return (.ok, batchJSON(results: results, date: date))
    }

    /// `batch/archive` (all types, or the listed ones when the seed form gives `types`) and
    /// `batch/labels/archive` (only the listed types) → 204.
    mutating func batchArchive(_ route: SimulatorRoute, _ request: SimulatorRequest, labelsOnly: Bool) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let body = try decode(RequestBodies.Batch<RequestBodies.ArchiveInput>.self, from: request.body)
        // Validate everything first so a bad input leaves nothing half-done.
        var work: [(fromID: Int64, toIDs: [Int64], keys: [TypeKey]?)] = []
        for input in body.inputs {
            let fromID = try recordID(input.from.id)
            let toIDs = try input.to.map { try recordID($0.id) }
            var keys: [TypeKey]? = nil
            if let types = input.types {
                keys = try definitions(for: types, pair: pair).map(\.key)
            } else if labelsOnly {
                throw SimulatorError.validation("Some required fields were not set: [types]", context: [("types", ["required"])])
            }
            work.append((fromID, toIDs, keys))
        }
        for item in work {
            for toID in item.toIDs { dissociate(item.keys, pair: pair, fromID: item.fromID, toID: toID) }
        }
        return (.noContent, nil)
    }

    /// HubSpot's per-input error for a record with no associations toward the type.
    private func noAssociationsError(pair: ObjectPair, fromID: Int64) -> JSONValue {
        let error = SimulatorError(
            status: .notFound,
            message: "No \(pair.to.singularName) is associated with \(pair.from.singularName) \(fromID).",
            category: HubSpotErrorCategory.objectNotFound,
            subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
            context: [("fromObjectId", [String(fromID)]), ("fromObjectType", [pair.from.singularName]), ("toObjectType", [pair.to.singularName])]
        )
        return batchErrorJSON(error)
    }
}
