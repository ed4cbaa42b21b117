import HubSpotModel
import Testing

@testable import HubGate

/// v3 type names ↔ v4 (category, typeId) for one object pair, from the default table and learnt labels.
struct AssociationTypeCatalogTests {
    typealias F = TranslationFixture

    /// A v4 labels answer in the seed vocabulary (the spec's `AssociationLabelCollectionExample`).
    static let seedLabels = """
        {"results": [{"typeId": 101, "label": "Primary Contact", "category": "USER_DEFINED"},
                     {"typeId": 102, "label": "Billing Contact", "category": "USER_DEFINED"}],
         "paging": {"next": {"after": "NTI1Cg%3D%3D", "link": "https://api.hubapi.com/crm/v4/associations/contacts/companies/labels?after=NTI1Cg%3D%3D"}}}
        """

    /// A v4 labels answer in HubSpot's vocabulary (details §3.4, with the unlabeled type's null label).
    static let hubSpotLabels = """
        {"results": [{"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"},
                     {"category": "HUBSPOT_DEFINED", "typeId": 279, "label": null},
                     {"category": "USER_DEFINED", "typeId": 28, "label": "Billing contact"}]}
        """

    /// Every row of the default table resolves name → key → name in its own pair's catalog.
    @Test(arguments: DefaultAssociationTypes.all)
    func defaultRowRoundTrips(_ row: DefaultAssociationType) throws {
        let catalog = F.catalog(row.from, row.to)
        let key = try catalog.key(forV3Name: row.v3Name)
        #expect(key == AssociationTypeKey(.hubSpotDefined, row.typeID))
        #expect(catalog.v3Name(for: key) == row.v3Name)
        #expect(catalog.entry(for: key)?.isPrimary == (row.role == .primary))
    }

    /// Every row's name is listed by the v3 types answer with its id as a string.
    @Test(arguments: DefaultAssociationTypes.all)
    func defaultRowIsListed(_ row: DefaultAssociationType) {
        let catalog = F.catalog(row.from, row.to)
        #expect(catalog.v3Definitions.contains(V3.PublicAssociationDefinition(id: String(row.typeID), name: row.v3Name)))
    }

    /// Names resolve case-insensitively (v3 clients have sent `PARENT_TO_CHILD_COMPANY`).
    @Test func namesIgnoreCase() throws {
        let catalog = F.catalog(.companies, .companies)
        #expect(try catalog.key(forV3Name: "PARENT_TO_CHILD_COMPANY") == AssociationTypeKey(.hubSpotDefined, 13))
    }

    /// An unknown name is a typed 400 naming it and the pair.
    @Test(arguments: ["decision_maker", "company_to_contact", "", "user_defined_999"])
    func unknownNameIsNamed(_ name: String) {
        let catalog = F.catalog(.contacts, .companies)
        #expect(throws: TranslationError.unknownAssociationType(name, from: F.contacts, to: F.companies)) {
            try catalog.key(forV3Name: name)
        }
        let error = TranslationError.unknownAssociationType(name, from: F.contacts, to: F.companies)
        #expect(error.statusCode == 400)
        #expect(error.category == "VALIDATION_ERROR")
        #expect(error.context?["type"] == [name])
        #expect(error.message.contains("'\(name)'"))
    }

    /// Labels in the seed vocabulary add USER_DEFINED types under derived names that round-trip.
    @Test func learnsSeedLabels() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: try F.response(V4.AssociationLabelCollection.self, Self.seedLabels))
        let key = try catalog.key(forV3Name: "user_defined_101")
        #expect(key == AssociationTypeKey(.userDefined, 101))
        #expect(catalog.v3Name(for: key) == "user_defined_101")
        #expect(catalog.entry(for: key)?.label == "Primary Contact")
        #expect(catalog.entry(for: key)?.nameSource == .derived)
    }

    /// Labels in HubSpot's vocabulary are learnt too, and keep the table's names for its types.
    @Test func learnsHubSpotLabels() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: try F.response(V4.AssociationLabelCollection.self, Self.hubSpotLabels))
        #expect(try catalog.key(forV3Name: "user_defined_28") == AssociationTypeKey(.userDefined, 28))
        #expect(catalog.v3Name(for: AssociationTypeKey(.hubSpotDefined, 279)) == "contact_to_company_unlabeled")
        #expect(catalog.entry(for: AssociationTypeKey(.hubSpotDefined, 279))?.label == nil)
    }

    /// The definitions endpoint names user types; entries of other pairs or without numeric ids are skipped.
    @Test func learnsNamesFromDefinitions() throws {
        let definitions = """
            {"results": [
              {"id": "100", "fromObjectTypeId": "0-1", "toObjectTypeId": "0-2", "name": "decision_maker", "label": "Decision maker", "inverseLabel": null, "category": "USER_DEFINED"},
              {"id": "101", "fromObjectTypeId": "0-2", "toObjectTypeId": "0-1", "name": "decision_maker", "label": "Decided by", "category": "USER_DEFINED"},
              {"id": "contact_to_company", "fromObjectTypeId": "0-1", "toObjectTypeId": "0-2", "name": "contact_to_company", "label": "Company", "inverseLabel": "Contacts", "category": "HUBSPOT_DEFINED"}
            ]}
            """
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(definitions: try F.response(V4.AssociationDefinitionCollection.self, definitions))
        let key = try catalog.key(forV3Name: "decision_maker")
        #expect(key == AssociationTypeKey(.userDefined, 100))
        #expect(catalog.v3Name(for: key) == "decision_maker")
        #expect(catalog.entry(for: key)?.nameSource == .definition)
        #expect(!catalog.contains(AssociationTypeKey(.userDefined, 101)))
        #expect(try catalog.key(forV3Name: "contact_to_company") == AssociationTypeKey(.hubSpotDefined, 1))
    }

    /// A derived name keeps resolving after the real name is learnt, so names handed out earlier stay valid.
    @Test func derivedNameSurvivesLearningTheRealName() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: try F.response(V4.AssociationLabelCollection.self, Self.hubSpotLabels))
        catalog.learn(name: "billing_contact", for: AssociationTypeKey(.userDefined, 28), source: .definition)
        #expect(try catalog.key(forV3Name: "billing_contact") == AssociationTypeKey(.userDefined, 28))
        #expect(try catalog.key(forV3Name: "user_defined_28") == AssociationTypeKey(.userDefined, 28))
        #expect(catalog.v3Name(for: AssociationTypeKey(.userDefined, 28)) == "billing_contact")
    }

    /// A paired label created in HubSpot's vocabulary names the new type here and the inverse on the reverse pair.
    @Test func learnsPairedLabelCreateBothDirections() throws {
        let request = V4.CreateLabelInput(label: "Manager", name: "manager", inverseLabel: "Employee")
        let response = try F.response(V4.AssociationLabelCollection.self, """
            {"results": [{"category": "USER_DEFINED", "typeId": 145, "label": "Employee"},
                         {"category": "USER_DEFINED", "typeId": 144, "label": "Manager"}]}
            """)
        var forward = F.catalog(.contacts, .companies)
        forward.learn(createdLabel: request, response: response, createdFrom: F.contacts, createdTo: F.companies)
        var reverse = F.catalog(.companies, .contacts)
        reverse.learn(createdLabel: request, response: response, createdFrom: F.contacts, createdTo: F.companies)
        #expect(try forward.key(forV3Name: "manager") == AssociationTypeKey(.userDefined, 144))
        #expect(forward.entry(for: AssociationTypeKey(.userDefined, 144))?.nameSource == .labelCreate)
        #expect(!forward.contains(AssociationTypeKey(.userDefined, 145)))
        #expect(try reverse.key(forV3Name: "manager") == AssociationTypeKey(.userDefined, 145))
        #expect(reverse.v3Name(for: AssociationTypeKey(.userDefined, 145)) == "manager")
    }

    /// The seed dialect's label-create answer (one bare label) names the new type.
    @Test func learnsSeedLabelCreate() throws {
        let response = try F.response(V4.AssociationLabelCollection.self, #"{"typeId": 101, "label": "Primary Contact", "category": "USER_DEFINED"}"#)
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(createdLabel: V4.CreateLabelInput(label: "Primary Contact", name: "primary_contact", inverseLabel: "Main Company"), response: response, createdFrom: F.contacts, createdTo: F.companies)
        #expect(try catalog.key(forV3Name: "primary_contact") == AssociationTypeKey(.userDefined, 101))
        #expect(catalog.v3Name(for: AssociationTypeKey(.userDefined, 101)) == "primary_contact")
    }

    /// A label created on another pair teaches nothing.
    @Test func ignoresLabelCreateOfAnotherPair() throws {
        let response = V4.AssociationLabelCollection(results: [V4.AssociationLabel(typeId: 300, label: "Partner", category: .userDefined)])
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(createdLabel: V4.CreateLabelInput(label: "Partner", name: "partner"), response: response, createdFrom: F.deals, createdTo: F.companies)
        #expect(throws: TranslationError.self) { try catalog.key(forV3Name: "partner") }
    }

    /// USER_DEFINED 1 beside HUBSPOT_DEFINED 1 are two types with two names; each resolves to its own key.
    @Test func userDefinedIDCollidingWithHubSpotDefinedID() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: V4.AssociationLabelCollection(results: [V4.AssociationLabel(typeId: 1, label: "Reference", category: .userDefined)]))
        #expect(try catalog.key(forV3Name: "contact_to_company") == AssociationTypeKey(.hubSpotDefined, 1))
        #expect(try catalog.key(forV3Name: "user_defined_1") == AssociationTypeKey(.userDefined, 1))
        catalog.learn(name: "reference", for: AssociationTypeKey(.userDefined, 1), source: .labelCreate)
        #expect(try catalog.key(forV3Name: "reference") == AssociationTypeKey(.userDefined, 1))
        #expect(catalog.v3Name(for: AssociationTypeKey(.hubSpotDefined, 1)) == "contact_to_company")
        #expect(catalog.entry(for: AssociationTypeKey(.hubSpotDefined, 1))?.label == "Primary")
        let listed = catalog.v3Definitions.filter { $0.id == "1" }.map(\.name)
        #expect(listed == ["contact_to_company", "reference"])
    }

    /// A learnt name already taken by the table stays with the table; the newcomer keeps its derived name.
    @Test func learntNameNeverStealsATableName() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(name: "contact_to_company", for: AssociationTypeKey(.userDefined, 7), source: .definition)
        #expect(try catalog.key(forV3Name: "contact_to_company") == AssociationTypeKey(.hubSpotDefined, 1))
        #expect(catalog.v3Name(for: AssociationTypeKey(.userDefined, 7)) == "user_defined_7")
        #expect(try catalog.key(forV3Name: "user_defined_7") == AssociationTypeKey(.userDefined, 7))
    }

    /// Derived names parse back to their key for every category, and nothing else parses.
    @Test func derivedNamesParse() {
        for category in AssociationCategory.allCases {
            let key = AssociationTypeKey(category, 42)
            #expect(AssociationTypeCatalog.key(fromDerivedName: AssociationTypeCatalog.derivedName(for: key)) == key)
        }
        #expect(AssociationTypeCatalog.key(fromDerivedName: "user_defined_") == nil)
        #expect(AssociationTypeCatalog.key(fromDerivedName: "user_defined_4x") == nil)
        #expect(AssociationTypeCatalog.key(fromDerivedName: "contact_to_company") == nil)
    }

    /// A custom-object pair starts empty and names HubSpot-defined types it learns by derivation.
    @Test func customObjectPairLearnsDefaults() throws {
        let custom = try #require(ObjectType(pathSegment: "2-3456"))
        var catalog = AssociationTypeCatalog(from: F.contacts, to: custom)
        #expect(catalog.entries.isEmpty)
        catalog.learn(labels: V4.AssociationLabelCollection(results: [V4.AssociationLabel(typeId: 10_000, label: nil, category: .hubSpotDefined)]))
        #expect(try catalog.key(forV3Name: "hubspot_defined_10000") == AssociationTypeKey(.hubSpotDefined, 10_000))
    }
}

/// Invariants of catalogs fed arbitrary learnt names.
struct AssociationTypeCatalogInvariantTests {
    /// Names that collide with table names, derived names, each other and themselves in another case.
    static let namePool = ["manager", "MANAGER", "contact_to_company", "user_defined_5", "hubspot_defined_1", "decision_maker", "user_defined_9", "Billing_Contact", "billing_contact", ""]

    /// For every standard pair and many learnt labels, every listed name resolves back to its own type,
    /// every derived name of a known type does too, and no two types share a name.
    @Test(arguments: Array(Set(DefaultAssociationTypes.all.map { [$0.from.id, $0.to.id] })).sorted { $0.joined() < $1.joined() })
    func everyNameResolvesToItsOwnType(pair: [String]) throws {
        let from = try #require(ObjectType(pathSegment: pair[0]))
        let to = try #require(ObjectType(pathSegment: pair[1]))
        var catalog = AssociationTypeCatalog(from: from, to: to)
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for step in 0..<120 {
            let key = AssociationTypeKey(AssociationCategory.allCases[next(AssociationCategory.allCases.count)], next(12))
            let name = Self.namePool[next(Self.namePool.count)]
            switch step % 3 {
            case 0: catalog.learn(labels: V4.AssociationLabelCollection(results: [V4.AssociationLabel(typeId: key.typeID, label: "L\(step)", category: key.category)]))
            case 1: catalog.learn(name: name, for: key, source: .definition)
            default: catalog.learn(name: name, for: key, source: .labelCreate)
            }
            var seen = Set<String>()
            for entry in catalog.entries {
                #expect(try catalog.key(forV3Name: entry.name) == entry.key)
                #expect(try catalog.key(forV3Name: AssociationTypeCatalog.derivedName(for: entry.key)) == entry.key)
                #expect(catalog.v3Name(for: entry.key) == entry.name)
                #expect(seen.insert(entry.name.lowercased()).inserted)
            }
        }
    }
}

/// Names learnt from real HubSpot's v3 `types` answer, joined on the type id.
struct AssociationTypeCatalogV3TypesTests {
    typealias F = TranslationFixture

    /// The v3 doc's types example names the learnt user labels; table rows keep their names.
    @Test func learnsNamesByID() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: V4.AssociationLabelCollection(results: [
            V4.AssociationLabel(typeId: 136, label: "Franchise owner", category: .userDefined),
            V4.AssociationLabel(typeId: 26, label: "Manager", category: .userDefined),
        ]))
        catalog.learn(v3Types: try F.response(V3.CollectionResponsePublicAssociationDefinitionNoPaging.self, """
            {"results": [{"id": "136", "name": "franchise_owner_franchise_location"}, {"id": "26", "name": "manager"},
                         {"id": "1", "name": "contact_to_company"}, {"id": "999", "name": "not_in_labels"}]}
            """))
        #expect(try catalog.key(forV3Name: "manager") == AssociationTypeKey(.userDefined, 26))
        #expect(try catalog.key(forV3Name: "franchise_owner_franchise_location") == AssociationTypeKey(.userDefined, 136))
        #expect(catalog.entry(for: AssociationTypeKey(.userDefined, 26))?.nameSource == .v3Types)
        #expect(catalog.v3Name(for: AssociationTypeKey(.hubSpotDefined, 1)) == "contact_to_company")
        #expect(throws: TranslationError.self) { try catalog.key(forV3Name: "not_in_labels") }
    }

    /// An id held by USER_DEFINED and HUBSPOT_DEFINED goes to the user type unless the name is the table's.
    @Test func sharedIDGoesToTheUserType() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: V4.AssociationLabelCollection(results: [V4.AssociationLabel(typeId: 1, label: "Reference", category: .userDefined)]))
        catalog.learn(v3Types: V3.CollectionResponsePublicAssociationDefinitionNoPaging(results: [
            V3.PublicAssociationDefinition(id: "1", name: "contact_to_company"),
            V3.PublicAssociationDefinition(id: "1", name: "reference"),
        ]))
        #expect(try catalog.key(forV3Name: "reference") == AssociationTypeKey(.userDefined, 1))
        #expect(try catalog.key(forV3Name: "contact_to_company") == AssociationTypeKey(.hubSpotDefined, 1))
    }

    /// Two non-table types sharing an id are ambiguous: the name is not taken.
    @Test func ambiguousIDTeachesNothing() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: V4.AssociationLabelCollection(results: [
            V4.AssociationLabel(typeId: 5, label: "A", category: .userDefined),
            V4.AssociationLabel(typeId: 5, label: "B", category: .integratorDefined),
        ]))
        catalog.learn(v3Types: V3.CollectionResponsePublicAssociationDefinitionNoPaging(results: [V3.PublicAssociationDefinition(id: "5", name: "partner")]))
        #expect(throws: TranslationError.self) { try catalog.key(forV3Name: "partner") }
        #expect(catalog.v3Name(for: AssociationTypeKey(.userDefined, 5)) == "user_defined_5")
    }
}

/// Names remembered from label creates, applied after the labels and definitions.
struct AssociationTypeCatalogRememberedNamesTests {
    typealias F = TranslationFixture

    /// A remembered name names a listed type that had only its derived name; unlisted types stay
    /// unknown; a name from the definitions list wins; a name another type holds is not taken.
    @Test func namesOnlyListedUnnamedTypes() throws {
        var catalog = F.catalog(.contacts, .companies)
        catalog.learn(labels: try F.response(V4.AssociationLabelCollection.self, AssociationTypeCatalogTests.hubSpotLabels))
        catalog.learn(labels: V4.AssociationLabelCollection(results: [
            V4.AssociationLabel(typeId: 29, label: "Owner", category: .userDefined),
            V4.AssociationLabel(typeId: 30, label: "Other", category: .userDefined),
        ]))
        catalog.learn(name: "owner_from_definitions", for: AssociationTypeKey(.userDefined, 29), source: .definition)
        catalog.learn(rememberedNames: [
            AssociationTypeKey(.userDefined, 28): "billing_contact",
            AssociationTypeKey(.userDefined, 29): "owner",
            AssociationTypeKey(.userDefined, 30): "billing_contact",
            AssociationTypeKey(.userDefined, 99): "deleted_elsewhere",
            AssociationTypeKey(.hubSpotDefined, 1): "not_primary",
        ])
        #expect(try catalog.key(forV3Name: "billing_contact") == AssociationTypeKey(.userDefined, 28))
        #expect(catalog.entry(for: AssociationTypeKey(.userDefined, 28))?.nameSource == .labelCreate)
        #expect(catalog.v3Name(for: AssociationTypeKey(.userDefined, 29)) == "owner_from_definitions")
        #expect(catalog.v3Name(for: AssociationTypeKey(.userDefined, 30)) == "user_defined_30")
        #expect(!catalog.contains(AssociationTypeKey(.userDefined, 99)))
        #expect(throws: TranslationError.self) { try catalog.key(forV3Name: "deleted_elsewhere") }
        #expect(catalog.v3Name(for: AssociationTypeKey(.hubSpotDefined, 1)) == "contact_to_company")
    }
}
