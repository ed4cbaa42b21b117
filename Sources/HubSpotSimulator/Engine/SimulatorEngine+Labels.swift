import Foundation
import HTTPTypes
import HubSpotModel

/// The label endpoints (`/crm/v4/associations/{from}/{to}/labels…`).
extension SimulatorEngine {
    /// `GET …/labels`: every type of the direction, HubSpot-defined first. Never paged (≤ 10 user labels).
    mutating func listLabels(_ route: SimulatorRoute) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        return (.ok, .object([("results", .array(labels.definitions(for: pair).map(labelJSON)))]))
    }

    /// `POST …/labels` `{label, name, inverseLabel?}`: seed answers the one new type, hubspot
    /// `{results: [new, inverse?]}`.
    mutating func createLabel(_ route: SimulatorRoute, _ request: SimulatorRequest) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let body = try decode(RequestBodies.LabelCreate.self, from: request.body)
        try validateLabelText(body.label, field: "label")
        if let inverse = body.inverseLabel { try validateLabelText(inverse, field: "inverseLabel") }
        try validateName(body.name)
        let existing = labels.userLabels(between: pair)
        guard existing.count < configuration.maxUserLabelsPerPair else {
            throw SimulatorError.validation("You can have at most \(configuration.maxUserLabelsPerPair) association labels between \(pair.from.pathName) and \(pair.to.pathName).")
        }
        // HubSpot-defined names count too: a user label named `contact_to_company` would make two
        // types with one name, and a v3 client (which knows types by name) could not tell them apart.
        let definedNames = (labels.definitions(for: pair) + labels.definitions(for: pair.reversed)).map(\.name)
        guard !existing.contains(where: { $0.name == body.name }), !definedNames.contains(body.name) else {
            throw SimulatorError.validation("An association label named \(body.name) already exists for this object pair.", context: [("name", [body.name])])
        }
        let created = labels.createLabel(pair: pair, name: body.name, label: body.label, inverseLabel: body.inverseLabel)
        switch dialect {
        case .seed: return (.ok, labelJSON(created[0]))
        case .hubspot: return (.ok, .object([("results", .array(created.map(labelJSON)))]))
        }
    }

    /// `PUT …/labels/{typeId}` (seed) or `PUT …/labels` with `associationTypeId` (clients) → 204.
    mutating func updateLabel(_ route: SimulatorRoute, _ request: SimulatorRequest) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        let body = try decode(RequestBodies.LabelUpdate.self, from: request.body)
        let typeID: Int
        if !route.extra.isEmpty {
            guard let id = Int(route.extra) else { throw SimulatorError.validation("Invalid association type id: \(route.extra)") }
            typeID = id
        } else if let id = body.associationTypeId {
            typeID = id
        } else {
            throw SimulatorError.validation("Some required fields were not set: [associationTypeId]", context: [("associationTypeId", ["required"])])
        }
        try validateLabelText(body.label, field: "label")
        try checkUserDefined(pair: pair, typeID: typeID)
        _ = labels.updateLabel(pair: pair, typeID: typeID, label: body.label, inverseLabel: body.inverseLabel)
        return (.noContent, nil)
    }

    /// `DELETE …/labels/{typeId}` → 204; refused while an association still uses the label.
    mutating func deleteLabel(_ route: SimulatorRoute) throws -> (HTTPResponse.Status, JSONValue?) {
        let pair = try pair(of: route)
        guard let typeID = Int(route.extra) else { throw SimulatorError.validation("Invalid association type id: \(route.extra)") }
        try checkUserDefined(pair: pair, typeID: typeID)
        if let keys = labels.userLabelKeys(pair: pair, typeID: typeID) {
            let inUse = graph.isInUse(keys.forward, pair: keys.pair) || (keys.inverse.map { graph.isInUse($0, pair: keys.pair.reversed) } ?? false)
            guard !inUse else {
                throw SimulatorError.validation("The association label \(typeID) is in use and cannot be deleted. Remove it from every association first.", context: [("associationTypeId", [String(typeID)])])
            }
        }
        labels.deleteLabel(pair: pair, typeID: typeID)
        return (.noContent, nil)
    }

    /// 400 for HubSpot-defined types (immutable), 404 for ids the pair does not have.
    private func checkUserDefined(pair: ObjectPair, typeID: Int) throws {
        if labels.definition(for: pair, key: TypeKey(.hubSpotDefined, typeID)) != nil, labels.userLabelKeys(pair: pair, typeID: typeID) == nil {
            throw SimulatorError.validation("HubSpot-defined association types cannot be changed or deleted (typeId \(typeID)).", context: [("associationTypeId", [String(typeID)])])
        }
        guard labels.userLabelKeys(pair: pair, typeID: typeID) != nil else {
            throw SimulatorError(
                status: .notFound,
                message: "No association label with typeId \(typeID) exists between \(pair.from.pathName) and \(pair.to.pathName).",
                category: HubSpotErrorCategory.objectNotFound,
                context: [("associationTypeId", [String(typeID)])]
            )
        }
    }

    private func validateLabelText(_ text: String, field: String) throws {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SimulatorError.validation("\(field) must not be empty.", context: [(field, [text])])
        }
    }

    /// Internal names: not empty, no hyphens, not starting with a digit (HubSpot's documented rules).
    private func validateName(_ name: String) throws {
        guard let first = name.first, !first.isASCIIDigit, !name.contains("-"), !name.contains(" ") else {
            throw SimulatorError.validation("Invalid label name \(name): names cannot be empty, contain hyphens or spaces, or start with a digit.", context: [("name", [name])])
        }
    }
}
