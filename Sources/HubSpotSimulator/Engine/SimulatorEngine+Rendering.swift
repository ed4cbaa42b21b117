import HubSpotModel
import Foundation

/// How results look in each dialect. Every dialect difference in response shapes lives here.
extension SimulatorEngine {
    /// A record id: a string in the seed dialect, a JSON number in hubspot (as HubSpot's examples show).
    func idJSON(_ id: Int64) -> JSONValue {
        dialect == .seed ? .string(String(id)) : .int(id)
    }

    /// One association type with its display label.
    func typeJSON(_ key: TypeKey, label: String?) -> JSONValue {
        switch dialect {
        case .seed:
            var members: [(String, JSONValue)] = [("associationCategory", .string(key.category.rawValue)), ("associationTypeId", .number(key.typeID))]
            if let label { members.append(("label", .string(label))) }
            return .object(members)
        case .hubspot:
            return .object([("category", .string(key.category.rawValue)), ("typeId", .number(key.typeID)), ("label", .optional(label))])
        }
    }

    /// A label list entry: seed `{typeId, label, category}`, hubspot `{category, typeId, label}`.
    func labelJSON(_ definition: AssociationDefinition) -> JSONValue {
        switch dialect {
        case .seed:
            return .object([("typeId", .number(definition.key.typeID)), ("label", .optional(definition.label)), ("category", .string(definition.key.category.rawValue))])
        case .hubspot:
            return .object([("category", .string(definition.key.category.rawValue)), ("typeId", .number(definition.key.typeID)), ("label", .optional(definition.label))])
        }
    }

    /// Display labels of a pair direction by type, for rendering associations.
    func labelTable(for pair: ObjectPair) -> [TypeKey: String?] {
        var table: [TypeKey: String?] = [:]
        for definition in labels.definitions(for: pair) { table[definition.key] = definition.label }
        return table
    }

    /// `{toObjectId, associationTypes}`.
    func associationJSON(toID: Int64, types: [TypeKey], labels table: [TypeKey: String?]) -> JSONValue {
        .object([
            ("toObjectId", idJSON(toID)),
            ("associationTypes", .array(types.map { typeJSON($0, label: table[$0] ?? nil) })),
        ])
    }

    /// `AssociationResult` (seed): `{from: {id}, to: [...], paging?}`.
    func associationResultJSON(fromID: Int64, to: [JSONValue], paging: JSONValue?) -> JSONValue {
        var members: [(String, JSONValue)] = [("from", .object([("id", .string(String(fromID)))])), ("to", .array(to))]
        if let paging { members.append(("paging", paging)) }
        return .object(members)
    }

    /// `LabelsBetweenObjectPair`: `{fromObjectTypeId, fromObjectId, toObjectTypeId, toObjectId, labels}`.
    func labelsBetweenJSON(pair: ObjectPair, fromID: Int64, toID: Int64) -> JSONValue {
        let table = labelTable(for: pair)
        let names = graph.types(from: fromID, to: toID, pair: pair).compactMap { table[$0] ?? nil }
        return .object([
            ("fromObjectTypeId", .string(pair.from.id)),
            ("fromObjectId", idJSON(fromID)),
            ("toObjectTypeId", .string(pair.to.id)),
            ("toObjectId", idJSON(toID)),
            ("labels", .array(names.map(JSONValue.string))),
        ])
    }

    /// The batch envelope `{status: COMPLETE, results, [numErrors, errors], startedAt, completedAt}`.
    func batchJSON(results: [JSONValue], errors: [JSONValue] = [], date: Date) -> JSONValue {
        var members: [(String, JSONValue)] = [("status", .string("COMPLETE")), ("results", .array(results))]
        if !errors.isEmpty {
            members.append(("numErrors", .number(errors.count)))
            members.append(("errors", .array(errors)))
        }
        let stamp = JSONValue.string(Self.timestamp(date))
        members.append(("startedAt", stamp))
        members.append(("completedAt", stamp))
        return .object(members)
    }

    /// One `StandardError` inside a batch response.
    func batchErrorJSON(_ error: SimulatorError, subCategory: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("status", .string("error")), ("category", .string(error.category))]
        if let sub = subCategory ?? error.subCategory { members.append(("subCategory", .string(sub))) }
        members.append(("message", .string(error.message)))
        members.append(("context", .object(error.context.map { ($0.0, .array($0.1.map(JSONValue.string))) })))
        members.append(("errors", .array([])))
        members.append(("links", .object([])))
        return .object(members)
    }
}
