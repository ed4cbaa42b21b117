import Foundation
import HTTPTypes
import HubSpotModel

/// The basic record endpoints (`/crm/v4/objects/…/associations/…`) and the two-direction writes
/// every create and archive shares.
extension SimulatorEngine {
    // MARK: Writes (both directions)

    /// Adds `definitions` from one record to another, writing the inverse types on the other record
    /// and each direction's unlabeled type, as HubSpot does for every association.
    ///
    /// Create *adds* types by default. With `replacing` (the creates pass
    /// `configuration.createReplacesLabels`), the pair's types in both directions are first removed,
    /// emulating HubSpot's documented replace semantics in their strictest reading (README).
    mutating func associate(_ definitions: [AssociationDefinition], pair: ObjectPair, fromID: Int64, toID: Int64, replacing: Bool = false) {
        if replacing {
            graph.removeAll(from: fromID, to: toID, pair: pair)
            graph.removeAll(from: toID, to: fromID, pair: pair.reversed)
        }
        for definition in definitions {
            graph.insert(definition.key, from: fromID, to: toID, pair: pair)
            if let inverse = definition.inverse { graph.insert(inverse, from: toID, to: fromID, pair: pair.reversed) }
        }
        if let unlabeled = labels.unlabeled(for: pair) { graph.insert(unlabeled, from: fromID, to: toID, pair: pair) }
        if let unlabeled = labels.unlabeled(for: pair.reversed) { graph.insert(unlabeled, from: toID, to: fromID, pair: pair.reversed) }
    }

    /// Removes `keys` (nil: everything) between two records in both directions. Removing the
    /// unlabeled type removes all types, as HubSpot documents for labels/archive.
    mutating func dissociate(_ keys: [TypeKey]?, pair: ObjectPair, fromID: Int64, toID: Int64) {
        let unlabeled = labels.unlabeled(for: pair)
        guard let keys, !keys.contains(where: { $0 == unlabeled }) else {
            graph.removeAll(from: fromID, to: toID, pair: pair)
            graph.removeAll(from: toID, to: fromID, pair: pair.reversed)
            return
        }
        let reverseUnlabeled = labels.unlabeled(for: pair.reversed)
        for key in keys {
            graph.remove(key, from: fromID, to: toID, pair: pair)
            // An unpaired label's inverse is the reverse unlabeled type, which the other labels still need.
            if let inverse = labels.definition(for: pair, key: key)?.inverse, inverse != reverseUnlabeled {
                graph.remove(inverse, from: toID, to: fromID, pair: pair.reversed)
            }
        }
    }

    /// The pair's unlabeled type as a definition, or 400 when the pair has none.
    func unlabeledDefinition(for pair: ObjectPair) throws -> AssociationDefinition {
        guard let key = labels.unlabeled(for: pair), let definition = labels.definition(for: pair, key: key) else {
            throw Self.invalidAssociations(["HUBSPOT_DEFINED=default"])
        }
        return definition
    }

    // MARK: Handlers

    /// `GET /crm/v4/objects/{from}/{id}/associations/{to}?limit&after`.
    mutating func listAssociations(_ route: SimulatorRoute, _ request: SimulatorRequest) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let fromID = try recordID(route.fromID)
        let limit = try pageSize(request, default: configuration.effectiveListPageSize)
        let start = try offset(fromCursor: request.queryValue("after"))
        let all = graph.associations(of: fromID, pair: pair)
        let end = min(all.count, start + limit)
        let table = labelTable(for: pair)
        let page = start < end ? all[start..<end].map { associationJSON(toID: $0.toID, types: $0.types, labels: table) } : []
        let paging = end < all.count ? paging(offset: end, request: request) : nil
        switch dialect {
        case .seed:
            return (.ok, associationResultJSON(fromID: fromID, to: page, paging: paging))
        case .hubspot:
            var members: [(String, JSONValue)] = [("results", .array(page))]
            if let paging { members.append(("paging", paging)) }
            return (.ok, .object(members))
        }
    }

    /// Seed `PUT /crm/v4/objects/{from}/{id}/associations/{to}` with `{to: {id}, types}` → 200 AssociationResult.
    mutating func createAssociation(_ route: SimulatorRoute, _ request: SimulatorRequest) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let fromID = try recordID(route.fromID)
        let body = try decode(RequestBodies.SeedCreate.self, from: request.body)
        let toID = try recordID(body.to.id)
        let definitions = body.types.isEmpty ? [try unlabeledDefinition(for: pair)] : try definitions(for: body.types, pair: pair)
        associate(definitions, pair: pair, fromID: fromID, toID: toID, replacing: configuration.createReplacesLabels)
        let association = associationJSON(toID: toID, types: graph.types(from: fromID, to: toID, pair: pair), labels: labelTable(for: pair))
        switch dialect {
        case .seed: return (.ok, associationResultJSON(fromID: fromID, to: [association], paging: nil))
        case .hubspot: return (.created, labelsBetweenJSON(pair: pair, fromID: fromID, toID: toID))
        }
    }

    /// Clients' `PUT …/associations/{to}/{toId}` with a bare array of specs → 201 LabelsBetweenObjectPair.
    mutating func createLabeledAssociation(_ route: SimulatorRoute, _ request: SimulatorRequest) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let fromID = try recordID(route.fromID)
        let toID = try recordID(route.toID)
        let specs = try decode([RequestBodies.TypeSpec].self, from: request.body)
        let definitions = specs.isEmpty ? [try unlabeledDefinition(for: pair)] : try definitions(for: specs, pair: pair)
        associate(definitions, pair: pair, fromID: fromID, toID: toID, replacing: configuration.createReplacesLabels)
        return (.created, labelsBetweenJSON(pair: pair, fromID: fromID, toID: toID))
    }

    /// `PUT …/associations/default/{to}/{toId}` → 200 with one result per direction.
    mutating func createDefaultAssociation(_ route: SimulatorRoute, date: Date) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let fromID = try recordID(route.fromID)
        let toID = try recordID(route.toID)
        let results = try associateDefault(pair: pair, fromID: fromID, toID: toID)
        return (.ok, batchJSON(results: results, date: date))
    }

    /// Writes the unlabeled association and returns the two `PublicDefaultAssociation`s.
    mutating func associateDefault(pair: ObjectPair, fromID: Int64, toID: Int64) throws -> [JSONValue] {
        let definition = try unlabeledDefinition(for: pair)
        associate([definition], pair: pair, fromID: fromID, toID: toID)
        func result(_ from: Int64, _ to: Int64, _ key: TypeKey) -> JSONValue {
            .object([
                ("from", .object([("id", .string(String(from)))])),
                ("to", .object([("id", .string(String(to)))])),
                ("associationSpec", .object([("associationCategory", .string(key.category.rawValue)), ("associationTypeId", .number(key.typeID))])),
            ])
        }
        var results = [result(fromID, toID, definition.key)]
        if let inverse = labels.unlabeled(for: pair.reversed) { results.append(result(toID, fromID, inverse)) }
        return results
    }

    /// `DELETE …/associations/{to}/{toId}` → 204, removing every type in both directions.
    mutating func deleteAssociation(_ route: SimulatorRoute) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let fromID = try recordID(route.fromID)
        let toID = try recordID(route.toID)
        dissociate(nil, pair: pair, fromID: fromID, toID: toID)
        return (.noContent, nil)
    }
}
