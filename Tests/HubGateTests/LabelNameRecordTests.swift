import HubSpotModel
import Testing

@testable import HubGate

/// Which type a label create names, in both dialects' answers, and what a label write changes.
struct LabelNameRecordTests {
    typealias F = TranslationFixture

    /// One case: a create request, HubSpot's answer, and the records expected for contacts → companies.
    struct Case: Sendable, CustomTestStringConvertible {
        var summary: String
        var request: V4.CreateLabelInput
        var answer: String
        var expected: [LabelNameRecord]
        var testDescription: String { summary }
    }

    static let cases: [Case] = [
        Case(
            summary: "seed dialect: the new type alone",
            request: V4.CreateLabelInput(label: "Primary Contact", name: "primary_contact", inverseLabel: "Main Company"),
            answer: #"{"typeId": 101, "label": "Primary Contact", "category": "USER_DEFINED"}"#,
            expected: [LabelNameRecord(from: F.contacts, to: F.companies, key: AssociationTypeKey(.userDefined, 101), name: "primary_contact")]
        ),
        Case(
            summary: "hubspot dialect, paired, inverse listed first",
            request: V4.CreateLabelInput(label: "Manager", name: "manager", inverseLabel: "Employee"),
            answer: #"{"results": [{"category": "USER_DEFINED", "typeId": 145, "label": "Employee"}, {"category": "USER_DEFINED", "typeId": 144, "label": "Manager"}]}"#,
            expected: [
                LabelNameRecord(from: F.contacts, to: F.companies, key: AssociationTypeKey(.userDefined, 144), name: "manager"),
                LabelNameRecord(from: F.companies, to: F.contacts, key: AssociationTypeKey(.userDefined, 145), name: "manager"),
            ]
        ),
        Case(
            summary: "hubspot dialect, paired, with inverseName",
            request: V4.CreateLabelInput(label: "Manager", name: "manager", inverseLabel: "Employee", inverseName: "employee"),
            answer: #"{"results": [{"category": "USER_DEFINED", "typeId": 144, "label": "Manager"}, {"category": "USER_DEFINED", "typeId": 145, "label": "Employee"}]}"#,
            expected: [
                LabelNameRecord(from: F.contacts, to: F.companies, key: AssociationTypeKey(.userDefined, 144), name: "manager"),
                LabelNameRecord(from: F.companies, to: F.contacts, key: AssociationTypeKey(.userDefined, 145), name: "employee"),
            ]
        ),
        Case(
            summary: "same label both ways: by position",
            request: V4.CreateLabelInput(label: "Peer", name: "peer", inverseLabel: "Peer"),
            answer: #"{"results": [{"category": "USER_DEFINED", "typeId": 7, "label": "Peer"}, {"category": "USER_DEFINED", "typeId": 8, "label": "Peer"}]}"#,
            expected: [
                LabelNameRecord(from: F.contacts, to: F.companies, key: AssociationTypeKey(.userDefined, 7), name: "peer"),
                LabelNameRecord(from: F.companies, to: F.contacts, key: AssociationTypeKey(.userDefined, 8), name: "peer"),
            ]
        ),
        Case(
            summary: "unpaired: only the created direction",
            request: V4.CreateLabelInput(label: "Billing", name: "billing"),
            answer: #"{"results": [{"category": "USER_DEFINED", "typeId": 28, "label": "Billing"}]}"#,
            expected: [LabelNameRecord(from: F.contacts, to: F.companies, key: AssociationTypeKey(.userDefined, 28), name: "billing")]
        ),
        Case(
            summary: "labels renamed by HubSpot: first result is the new type",
            request: V4.CreateLabelInput(label: "billing ", name: "billing"),
            answer: #"{"results": [{"category": "USER_DEFINED", "typeId": 29, "label": "Billing"}]}"#,
            expected: [LabelNameRecord(from: F.contacts, to: F.companies, key: AssociationTypeKey(.userDefined, 29), name: "billing")]
        ),
        Case(
            summary: "an empty answer names nothing",
            request: V4.CreateLabelInput(label: "Billing", name: "billing"),
            answer: #"{"results": []}"#,
            expected: []
        ),
        Case(
            summary: "HubSpot-defined types keep their table names",
            request: V4.CreateLabelInput(label: "Primary", name: "not_primary"),
            answer: #"{"results": [{"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"}]}"#,
            expected: []
        ),
    ]

    /// Each answer names the expected types in each direction.
    @Test(arguments: cases)
    func recordsFromCreate(_ example: Case) throws {
        let answer = try F.response(V4.AssociationLabelCollection.self, example.answer)
        #expect(LabelNameRecord.records(createdBy: example.request, response: answer, from: F.contacts, to: F.companies) == example.expected)
    }

    /// Only an acknowledged create or delete changes names; unreadable bodies change nothing.
    @Test func changesFromLabelWrites() {
        let body = Array(#"{"label": "Billing", "name": "billing"}"#.utf8)
        let answer = Array(#"{"results": [{"category": "USER_DEFINED", "typeId": 28, "label": "Billing"}]}"#.utf8)
        let path = "/crm/v4/associations/contacts/companies/labels"
        let billing = LabelNameRecord(from: F.contacts, to: F.companies, key: AssociationTypeKey(.userDefined, 28), name: "billing")
        func change(_ operation: String, path: String = path, body: [UInt8] = body, status: Int = 200, answer: [UInt8] = answer) -> LabelNameChange? {
            LabelNameChange.made(by: operation, from: F.contacts, to: F.companies, path: path, requestBody: body, statusCode: status, responseBody: answer)
        }
        #expect(change("createAssociationLabel") == .remember([billing]))
        #expect(change("createAssociationLabel", status: 201) == .remember([billing]))
        #expect(change("createAssociationLabel", status: 400) == nil)
        #expect(change("createAssociationLabel", body: Array("{".utf8)) == nil)
        #expect(change("createAssociationLabel", body: Array(#"{"label": "Billing"}"#.utf8)) == nil)
        #expect(change("createAssociationLabel", answer: Array("<html>".utf8)) == nil)
        #expect(change("updateAssociationLabel", path: path + "/28") == nil)
        #expect(change("listAssociationLabels") == nil)
        #expect(change("deleteAssociationLabel", path: path + "/28", body: [], answer: []) == .forget(from: F.contacts, to: F.companies, typeID: 28))
        #expect(change("deleteAssociationLabel", path: path + "/28", status: 404) == nil)
        #expect(change("deleteAssociationLabel", path: path + "/x28") == nil)
    }
}
