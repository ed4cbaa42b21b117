import Foundation
import HTTPTypes
import HubSpotModel

/// Definitions, limit configurations and the usage report: simple in-memory stores with the right
/// shapes and status codes.
extension SimulatorEngine {
    /// `GET /crm/v4/associations/definitions?limit&after` — the seed spec's endpoint, which real
    /// HubSpot lacks; served in both dialects so the gateway can fetch names in one call.
    mutating func listDefinitions(_ request: SimulatorRequest) throws -> (HTTPResponse.Status, JSONValue?) {
        let limit = try pageSize(request, default: 100)
        let start = try offset(fromCursor: request.queryValue("after"))
        let all = labels.allDefinitions()
        let end = min(all.count, start + limit)
        let page: [JSONValue] = start < end ? all[start..<end].map { definition in
            let inverseLabel = definition.inverse.flatMap { labels.definition(for: definition.pair.reversed, key: $0)?.label }
            return .object([
                ("id", .string(String(definition.key.typeID))),
                ("fromObjectTypeId", .string(definition.pair.from.id)),
                ("toObjectTypeId", .string(definition.pair.to.id)),
                ("name", .string(definition.name)),
                ("label", .optional(definition.label)),
                ("inverseLabel", .optional(inverseLabel)),
                ("category", .string(definition.key.category.rawValue)),
            ])
        } : []
        var members: [(String, JSONValue)] = [("results", .array(page))]
        if end < all.count { members.append(("paging", paging(offset: end, request: request))) }
        return (.ok, .object(members))
    }

    /// `GET …/definitions/configurations/all`.
    func listAllConfigurations() -> (HTTPResponse.Status, JSONValue?) {
        let pairs = limitConfigurations.keys.sorted { ($0.from.id, $0.to.id) < ($1.from.id, $1.to.id) }
        let results = pairs.flatMap { pair in configurationResults(pair: pair) }
        return (.ok, .object([("results", .array(results))]))
    }

    /// `GET …/definitions/configurations/{from}/{to}`.
    mutating func listConfigurations(_ route: SimulatorRoute) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        return (.ok, .object([("results", .array(configurationResults(pair: pair)))]))
    }

    /// `batch/create` (201, 207 with errors) and `batch/update` (200, 207) of limit configurations.
    mutating func writeConfigurations(_ route: SimulatorRoute, _ request: SimulatorRequest, date: Date, isCreate: Bool) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let body = try decode(RequestBodies.Batch<RequestBodies.ConfigurationInput>.self, from: request.body)
        var results: [JSONValue] = []
        var errors: [JSONValue] = []
        for input in body.inputs {
            guard let category = AssociationCategory(rawValue: input.category),
                let definition = labels.definition(for: pair, key: TypeKey(category, input.typeId))
            else {
                errors.append(batchErrorJSON(Self.invalidAssociations(["\(input.category)=\(input.typeId)"])))
                continue
            }
            guard let max = input.maxToObjectIds, max >= 1 else {
                errors.append(batchErrorJSON(.validation("maxToObjectIds must be between 1 and 10000.", context: [("maxToObjectIds", [input.maxToObjectIds.map(String.init) ?? "null"])])))
                continue
            }
            limitConfigurations[pair, default: [:]][definition.key] = max
            results.append(configurationJSON(definition, max: max))
        }
        let success: HTTPResponse.Status = isCreate ? .created : .ok
        return (errors.isEmpty ? success : .multiStatus, batchJSON(results: results, errors: errors, date: date))
    }

    /// `batch/purge` → 204: the listed limits return to the system default.
    mutating func purgeConfigurations(_ route: SimulatorRoute, _ request: SimulatorRequest) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let body = try decode(RequestBodies.Batch<RequestBodies.ConfigurationInput>.self, from: request.body)
        for input in body.inputs {
            guard let category = AssociationCategory(rawValue: input.category) else { continue }
            limitConfigurations[pair]?[TypeKey(category, input.typeId)] = nil
        }
        return (.noContent, nil)
    }

    /// `POST /crm/v4/associations/usage/high-usage-report/{userId}` → 200 `ReportCreationResponse`.
    /// `enqueueTime` is an ISO-8601 string: the Python client's model types it `datetime` (the
    /// published schema's `{dateOnly, timeZoneShift, value}` object would not parse there).
    func highUsageReport(_ route: SimulatorRoute, date: Date) throws -> (HTTPResponse.Status, JSONValue?) {
        guard let userID = Int64(route.extra) else { throw SimulatorError.validation("Invalid user id: \(route.extra)", context: [("userId", [route.extra])]) }
        return (.ok, .object([
            ("userId", .int(userID)),
            ("userEmail", .string("user\(userID)@example.com")),
            ("enqueueTime", .string(Self.timestamp(date))),
        ]))
    }

    private func configurationResults(pair: ObjectPair) -> [JSONValue] {
        let configured = limitConfigurations[pair] ?? [:]
        return configured.keys.sorted().compactMap { key in
            labels.definition(for: pair, key: key).map { configurationJSON($0, max: configured[key]!) }
        }
    }

    private func configurationJSON(_ definition: AssociationDefinition, max: Int) -> JSONValue {
        .object([
            ("category", .string(definition.key.category.rawValue)),
            ("typeId", .number(definition.key.typeID)),
            ("userEnforcedMaxToObjectIds", .number(max)),
            ("label", .optional(definition.label)),
        ])
    }
}
