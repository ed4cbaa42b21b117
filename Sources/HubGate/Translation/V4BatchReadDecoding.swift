import HubSpotModel

/// The v4 `batch/read` answer read without `JSONDecoder`: on the v3 hot path its Codable decoding
/// was the largest cost of a translated read. Reads both vocabularies (`associationCategory`/
/// `associationTypeId` and `category`/`typeId`, ids as strings or integers) into the same
/// `V4.BatchAssociationResponse` the Codable path builds.
///
/// Returns nil for anything it is not sure to read exactly as `JSONDecoder` would — malformed or
/// unusual JSON, a missing field, a repeated known key, a number with a fraction, or an `errors` member
/// (207 answers; their lenient error fields stay with the Codable path) — and the caller then uses
/// `TranslationJSON.decodeResponse`, which gives the answer or the error. Unknown members are
/// skipped, as Codable skips them.
enum V4BatchReadDecoding {
    /// The answer in `bytes`, or nil to fall back to the Codable path.
    static func decode(_ bytes: some Collection<UInt8>) -> V4.BatchAssociationResponse? {
        JSONScanner.withBuffer(of: bytes) { decode(buffer: $0) }
    }

    private static func decode(buffer: UnsafeBufferPointer<UInt8>) -> V4.BatchAssociationResponse? {
        var scanner = JSONScanner(buffer)
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var status: String?
        var results: [V4.AssociationResult]?
        var requestedAt: String??
        var startedAt: String?
        var completedAt: String?
        var numErrors: Int??
        let read = scanner.members { scanner, key in
            switch key {
            case "status":
                guard status == nil else { return false }
                status = scanner.string()
                return status != nil
            case "results":
                guard results == nil else { return false }
                results = associationResults(&scanner)
                return results != nil
            case "requestedAt":
                guard requestedAt == nil else { return false }
                requestedAt = scanner.nullable { $0.string() }
                return requestedAt != nil
            case "startedAt":
                guard startedAt == nil else { return false }
                startedAt = scanner.string()
                return startedAt != nil
            case "completedAt":
                guard completedAt == nil else { return false }
                completedAt = scanner.string()
                return completedAt != nil
            case "numErrors":
                guard numErrors == nil else { return false }
                numErrors = scanner.nullable { $0.integer() }
                return numErrors != nil
            case "errors":
                // Absent or null only: real errors take the Codable path.
                return scanner.consumeNull()
            default:
                return scanner.skipValue()
            }
        }
        guard read, scanner.isAtEnd(), let status, let results, let startedAt, let completedAt else { return nil }
        return V4.BatchAssociationResponse(
            status: status,
            results: results,
            requestedAt: requestedAt ?? nil,
            startedAt: startedAt,
            completedAt: completedAt,
            numErrors: numErrors ?? nil,
            errors: nil
        )
    }

    private static func associationResults(_ scanner: inout JSONScanner) -> [V4.AssociationResult]? {
        guard scanner.consume(UInt8(ascii: "[")) else { return nil }
        var results: [V4.AssociationResult] = []
        let read = scanner.elements { scanner in
            guard let result = associationResult(&scanner) else { return false }
            results.append(result)
            return true
        }
        return read ? results : nil
    }

    /// `{from: {id}, to: [...], paging?}`.
    private static func associationResult(_ scanner: inout JSONScanner) -> V4.AssociationResult? {
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var from: String?
        var to: [V4.Association]?
        var paging: V4.Paging??
        let read = scanner.members { scanner, key in
            switch key {
            case "from":
                guard from == nil else { return false }
                from = scanner.objectReferenceID()
                return from != nil
            case "to":
                guard to == nil else { return false }
                to = associations(&scanner)
                return to != nil
            case "paging":
                guard paging == nil else { return false }
                paging = scanner.nullable { pagingObject(&$0) }
                return paging != nil
            default:
                return scanner.skipValue()
            }
        }
        guard read, let from, let to else { return nil }
        return V4.AssociationResult(from: V4.ObjectReference(id: from), to: to, paging: paging ?? nil)
    }

    private static func associations(_ scanner: inout JSONScanner) -> [V4.Association]? {
        guard scanner.consume(UInt8(ascii: "[")) else { return nil }
        var associations: [V4.Association] = []
        let read = scanner.elements { scanner in
            guard let association = association(&scanner) else { return false }
            associations.append(association)
            return true
        }
        return read ? associations : nil
    }

    /// `{toObjectId, associationTypes: [...]}`.
    private static func association(_ scanner: inout JSONScanner) -> V4.Association? {
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var toObjectID: String?
        var types: [V4.AssociationType]?
        let read = scanner.members { scanner, key in
            switch key {
            case "toObjectId":
                guard toObjectID == nil else { return false }
                toObjectID = scanner.recordID()
                return toObjectID != nil
            case "associationTypes":
                guard types == nil else { return false }
                types = associationTypes(&scanner)
                return types != nil
            default:
                return scanner.skipValue()
            }
        }
        guard read, let toObjectID, let types else { return nil }
        return V4.Association(toObjectId: toObjectID, associationTypes: types)
    }

    private static func associationTypes(_ scanner: inout JSONScanner) -> [V4.AssociationType]? {
        guard scanner.consume(UInt8(ascii: "[")) else { return nil }
        var types: [V4.AssociationType] = []
        let read = scanner.elements { scanner in
            guard let type = associationType(&scanner) else { return false }
            types.append(type)
            return true
        }
        return read ? types : nil
    }

    /// Either vocabulary; as in `V4.AssociationType.init(from:)`, the seed names win when both are
    /// present (here: a document with both takes the Codable path, which knows that rule best).
    private static func associationType(_ scanner: inout JSONScanner) -> V4.AssociationType? {
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var category: AssociationCategory?
        var typeID: Int?
        var label: String??
        let read = scanner.members { scanner, key in
            switch key {
            case "associationCategory", "category":
                guard category == nil, let name = scanner.string() else { return false }
                category = AssociationCategory(rawValue: name)
                return category != nil
            case "associationTypeId", "typeId":
                guard typeID == nil else { return false }
                typeID = scanner.integer()
                return typeID != nil
            case "label":
                guard label == nil else { return false }
                label = scanner.nullable { $0.string() }
                return label != nil
            default:
                return scanner.skipValue()
            }
        }
        guard read, let category, let typeID else { return nil }
        return V4.AssociationType(associationCategory: category, associationTypeId: typeID, label: label ?? nil)
    }

    /// `{next: {after?, link?}}`; `next` may be null or absent.
    private static func pagingObject(_ scanner: inout JSONScanner) -> V4.Paging? {
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var next: V4.Paging.Next??
        let read = scanner.members { scanner, key in
            guard key == "next" else { return scanner.skipValue() }
            guard next == nil else { return false }
            next = scanner.nullable { nextObject(&$0) }
            return next != nil
        }
        return read ? V4.Paging(next: next ?? nil) : nil
    }

    private static func nextObject(_ scanner: inout JSONScanner) -> V4.Paging.Next? {
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var after: String??
        var link: String??
        let read = scanner.members { scanner, key in
            switch key {
            case "after":
                guard after == nil else { return false }
                after = scanner.nullable { $0.string() }
                return after != nil
            case "link":
                guard link == nil else { return false }
                link = scanner.nullable { $0.string() }
                return link != nil
            default:
                return scanner.skipValue()
            }
        }
        return read ? V4.Paging.Next(after: after ?? nil, link: link ?? nil) : nil
    }
}
