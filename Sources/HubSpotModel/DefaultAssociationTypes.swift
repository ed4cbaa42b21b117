/// HubSpot's default (HUBSPOT_DEFINED) association types between standard objects.
///
/// This is data transcribed from HubSpot's association type id reference (see
/// `shared/reference/hubspot-api-details.md` §4.2–4.3). The simulator seeds its labels from it and the
/// v3 translator resolves v3 type names with it; keep it a table, not logic.
package enum DefaultAssociationTypes {
    private typealias O = StandardObject

    /// Every known HubSpot-defined type, one direction per row.
    package static let all: [DefaultAssociationType] = {
        var rows: [DefaultAssociationType] = []
        func add(_ from: O, _ to: O, _ id: Int, _ name: String, _ label: String?, _ role: DefaultAssociationType.Role) {
            rows.append(DefaultAssociationType(from: from, to: to, typeID: id, v3Name: name, label: label, role: role))
        }
        // Pairs with a company have a primary type and an unlabeled twin.
        add(.contacts, .companies, 1, "contact_to_company", "Primary", .primary)
        add(.contacts, .companies, 279, "contact_to_company_unlabeled", nil, .unlabeled)
        add(.companies, .contacts, 2, "company_to_contact", "Contact with Primary Company", .primary)
        add(.companies, .contacts, 280, "company_to_contact_unlabeled", nil, .unlabeled)
        add(.deals, .companies, 5, "deal_to_company", "Primary", .primary)
        add(.deals, .companies, 341, "deal_to_company_unlabeled", nil, .unlabeled)
        add(.companies, .deals, 6, "company_to_deal", "Deal with Primary Company", .primary)
        add(.companies, .deals, 342, "company_to_deal_unlabeled", nil, .unlabeled)
        add(.tickets, .companies, 26, "ticket_to_company", "Primary", .primary)
        add(.tickets, .companies, 339, "ticket_to_company_unlabeled", nil, .unlabeled)
        add(.companies, .tickets, 25, "company_to_ticket", "Ticket with Primary Company", .primary)
        add(.companies, .tickets, 340, "company_to_ticket_unlabeled", nil, .unlabeled)
        add(.companies, .companies, 13, "parent_to_child_company", "Child Company", .labeled)
        add(.companies, .companies, 14, "child_to_parent_company", "Parent Company", .labeled)
        add(.companies, .companies, 450, "company_to_company", nil, .unlabeled)
        // Other core pairs have one default type that keeps its old low id.
        add(.deals, .contacts, 3, "deal_to_contact", nil, .unlabeled)
        add(.contacts, .deals, 4, "contact_to_deal", nil, .unlabeled)
        add(.contacts, .tickets, 15, "contact_to_ticket", nil, .unlabeled)
        add(.tickets, .contacts, 16, "ticket_to_contact", nil, .unlabeled)
        add(.deals, .lineItems, 19, "deal_to_line_item", nil, .unlabeled)
        add(.lineItems, .deals, 20, "line_item_to_deal", nil, .unlabeled)
        add(.deals, .tickets, 27, "deal_to_ticket", nil, .unlabeled)
        add(.tickets, .deals, 28, "ticket_to_deal", nil, .unlabeled)
        add(.contacts, .contacts, 449, "contact_to_contact", nil, .unlabeled)
        add(.deals, .deals, 451, "deal_to_deal", nil, .unlabeled)
        add(.tickets, .tickets, 452, "ticket_to_ticket", nil, .unlabeled)
        add(.deals, .quotes, 63, "deal_to_quote", nil, .unlabeled)
        add(.quotes, .deals, 64, "quote_to_deal", nil, .unlabeled)
        add(.quotes, .lineItems, 67, "quote_to_line_item", nil, .unlabeled)
        add(.lineItems, .quotes, 68, "line_item_to_quote", nil, .unlabeled)
        add(.quotes, .contacts, 69, "quote_to_contact", nil, .unlabeled)
        add(.contacts, .quotes, 70, "contact_to_quote", nil, .unlabeled)
        add(.quotes, .companies, 71, "quote_to_company", nil, .unlabeled)
        add(.companies, .quotes, 72, "company_to_quote", nil, .unlabeled)
        // Records ↔ activities: (record → activity, activity → record) per activity.
        let activityTable: [(record: O, ids: [(activity: O, toActivity: Int, fromActivity: Int)])] = [
            (.contacts, [(.calls, 193, 194), (.emails, 197, 198), (.meetings, 199, 200), (.notes, 201, 202), (.tasks, 203, 204), (.communications, 82, 81)]),
            (.companies, [(.calls, 181, 182), (.emails, 185, 186), (.meetings, 187, 188), (.notes, 189, 190), (.tasks, 191, 192), (.communications, 88, 87)]),
            (.deals, [(.calls, 205, 206), (.emails, 209, 210), (.meetings, 211, 212), (.notes, 213, 214), (.tasks, 215, 216), (.communications, 86, 85)]),
            (.tickets, [(.calls, 219, 220), (.emails, 223, 224), (.meetings, 225, 226), (.notes, 227, 228), (.tasks, 229, 230), (.communications, 84, 83)]),
        ]
        for (record, ids) in activityTable {
            for (activity, toActivity, fromActivity) in ids {
                add(record, activity, toActivity, "\(record.singular)_to_\(activity.singular)", nil, .unlabeled)
                add(activity, record, fromActivity, "\(activity.singular)_to_\(record.singular)", nil, .unlabeled)
            }
        }
        return rows
    }()

    /// The default types from one object to another, in table order.
    package static func types(from: StandardObject, to: StandardObject) -> [DefaultAssociationType] {
        byPair[Pair(from: from.id, to: to.id)] ?? []
    }

    /// The type HubSpot writes for a "default" (unlabeled) association between two records: the
    /// unlabeled type of the pair (279 for contact → company, 19 for deal → line item).
    package static func defaultType(from: StandardObject, to: StandardObject) -> DefaultAssociationType? {
        types(from: from, to: to).first { $0.role == .unlabeled }
    }

    private struct Pair: Hashable {
        let from: String
        let to: String
    }

    private static let byPair: [Pair: [DefaultAssociationType]] = Dictionary(grouping: all) {
        Pair(from: $0.from.id, to: $0.to.id)
    }
}
