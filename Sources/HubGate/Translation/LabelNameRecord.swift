import HubSpotModel

/// One remembered fact: in the directed pair `from → to`, the type `key` has the v3 name `name`.
///
/// v4 never returns a user-defined type's internal name; the only moment HubGate sees it against
/// real HubSpot is the label-create request it relays. These records are what it keeps of that.
package struct LabelNameRecord: Hashable, Sendable {
    /// Identifies one type of one directed pair: what a record is stored and replaced under.
    package struct ID: Hashable, Sendable {
        /// The source object type.
        package var from: ObjectType
        /// The target object type.
        package var to: ObjectType
        /// The type within the pair.
        package var key: AssociationTypeKey

        /// Creates an identity.
        package init(from: ObjectType, to: ObjectType, key: AssociationTypeKey) {
            self.from = from
            self.to = to
            self.key = key
        }
    }

    /// The source object type.
    package var from: ObjectType
    /// The target object type.
    package var to: ObjectType
    /// The type's category and id.
    package var key: AssociationTypeKey
    /// Its v3 name.
    package var name: String

    /// Creates a record.
    package init(from: ObjectType, to: ObjectType, key: AssociationTypeKey, name: String) {
        self.from = from
        self.to = to
        self.key = key
        self.name = name
    }

    /// What the record is stored under.
    package var id: ID { ID(from: from, to: to, key: key) }

    /// The names a label create taught: `request` is the `POST …/labels` body sent for the pair
    /// `from → to`, `response` HubSpot's acknowledgement in either vocabulary (seed: the new type
    /// alone; HubSpot: the new type, then the inverse type when `inverseLabel` was given).
    ///
    /// The created direction's type is the result whose label is `request.label` (else the first);
    /// for a paired label, the reverse direction's type is another result whose label is
    /// `request.inverseLabel` (else the other result). The inverse is named `request.inverseName`,
    /// else `request.name`: v3 shows one name per type, and a paired label has one name in HubSpot.
    /// Results without a name to give, empty names and HubSpot-defined types (which keep their table
    /// names) teach nothing.
    package static func records(
        createdBy request: V4.CreateLabelInput,
        response: V4.AssociationLabelCollection,
        from: ObjectType,
        to: ObjectType
    ) -> [LabelNameRecord] {
        let results = response.results
        guard let forwardIndex = results.firstIndex(where: { $0.label == request.label }) ?? results.indices.first else { return [] }
        var records = [LabelNameRecord(from: from, to: to, key: results[forwardIndex].key, name: request.name)]
        if let inverseLabel = request.inverseLabel {
            let others = results.indices.filter { $0 != forwardIndex }
            if let index = others.first(where: { results[$0].label == inverseLabel }) ?? others.first {
                records.append(LabelNameRecord(from: to, to: from, key: results[index].key, name: request.inverseName ?? request.name))
            }
        }
        return records.filter { !$0.name.isEmpty && $0.key.category != .hubSpotDefined }
    }
}
