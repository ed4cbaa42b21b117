import HubSpotModel

/// What a label write that HubSpot acknowledged changes in the remembered v3 names. Pure: it reads
/// the relayed request and HubSpot's answer, and knows nothing of storage.
package enum LabelNameChange: Hashable, Sendable {
    /// A label create named these types.
    case remember([LabelNameRecord])
    /// A label delete removed the type with this id from the pair (the path has no category;
    /// HubSpot-defined types cannot be deleted, so the id names one user type).
    case forget(from: ObjectType, to: ObjectType, typeID: Int)

    /// The change a v4 call made, or nil when it changes no name.
    ///
    /// Only `createAssociationLabel` and `deleteAssociationLabel` answered with a 2xx count: a
    /// rejected or unknown-outcome write named nothing HubGate can be sure of. A create whose
    /// request or answer cannot be read changes nothing (the type then shows its derived name, as
    /// before this feature). A label update cannot rename a type (HubSpot changes display labels
    /// only), so it is not a change either.
    ///
    /// - Parameters:
    ///   - operation: the classified operation's name.
    ///   - path: the request path (the delete's type id is its last segment).
    ///   - requestBody: what the client sent.
    ///   - statusCode: HubSpot's status.
    ///   - responseBody: HubSpot's answer.
    package static func made(
        by operation: String,
        from: ObjectType?,
        to: ObjectType?,
        path: String,
        requestBody: some Collection<UInt8>,
        statusCode: Int,
        responseBody: some Collection<UInt8>
    ) -> LabelNameChange? {
        guard (200..<300).contains(statusCode), let from, let to else { return nil }
        switch operation {
        case "createAssociationLabel":
            guard let request = try? TranslationJSON.decodeResponse(V4.CreateLabelInput.self, from: requestBody),
                let answer = try? TranslationJSON.decodeResponse(V4.AssociationLabelCollection.self, from: responseBody)
            else { return nil }
            let records = LabelNameRecord.records(createdBy: request, response: answer, from: from, to: to)
            return records.isEmpty ? nil : .remember(records)
        case "deleteAssociationLabel":
            guard let last = path.split(separator: "/").last, last.allSatisfy(\.isASCIIDigit), last.count <= 9, let typeID = Int(last) else { return nil }
            return .forget(from: from, to: to, typeID: typeID)
        default:
            return nil
        }
    }
}
