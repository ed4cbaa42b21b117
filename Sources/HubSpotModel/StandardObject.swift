/// HubSpot's standard CRM objects with their object type ids and the names paths accept.
package struct StandardObject: Hashable, Sendable {
    /// Object type id, e.g. `0-1`.
    package let id: String
    /// Plural path name, e.g. `contacts`.
    package let plural: String
    /// Singular snake_case name, e.g. `contact`; also the stem of v3 type names.
    package let singular: String

    /// `0-1`.
    package static let contacts = StandardObject(id: "0-1", plural: "contacts", singular: "contact")
    /// `0-2`.
    package static let companies = StandardObject(id: "0-2", plural: "companies", singular: "company")
    /// `0-3`.
    package static let deals = StandardObject(id: "0-3", plural: "deals", singular: "deal")
    /// `0-5`.
    package static let tickets = StandardObject(id: "0-5", plural: "tickets", singular: "ticket")
    /// `0-7`.
    package static let products = StandardObject(id: "0-7", plural: "products", singular: "product")
    /// `0-8`.
    package static let lineItems = StandardObject(id: "0-8", plural: "line_items", singular: "line_item")
    /// `0-14`.
    package static let quotes = StandardObject(id: "0-14", plural: "quotes", singular: "quote")
    /// `0-18`.
    package static let communications = StandardObject(id: "0-18", plural: "communications", singular: "communication")
    /// `0-19`.
    package static let feedbackSubmissions = StandardObject(id: "0-19", plural: "feedback_submissions", singular: "feedback_submission")
    /// `0-27`.
    package static let tasks = StandardObject(id: "0-27", plural: "tasks", singular: "task")
    /// `0-46`.
    package static let notes = StandardObject(id: "0-46", plural: "notes", singular: "note")
    /// `0-47`.
    package static let meetings = StandardObject(id: "0-47", plural: "meetings", singular: "meeting")
    /// `0-48`.
    package static let calls = StandardObject(id: "0-48", plural: "calls", singular: "call")
    /// `0-49`.
    package static let emails = StandardObject(id: "0-49", plural: "emails", singular: "email")

    /// Every standard object HubGate knows by name (HubSpot's "Object type ID values" table).
    package static let all: [StandardObject] = [
        contacts, companies, deals, tickets, products, lineItems, quotes, communications,
        feedbackSubmissions, tasks, notes, meetings, calls, emails,
        StandardObject(id: "0-53", plural: "invoices", singular: "invoice"),
        StandardObject(id: "0-54", plural: "marketing_events", singular: "marketing_event"),
        StandardObject(id: "0-69", plural: "subscriptions", singular: "subscription"),
        StandardObject(id: "0-74", plural: "goals", singular: "goal"),
        StandardObject(id: "0-84", plural: "discounts", singular: "discount"),
        StandardObject(id: "0-85", plural: "fees", singular: "fee"),
        StandardObject(id: "0-86", plural: "taxes", singular: "tax"),
        StandardObject(id: "0-101", plural: "payments", singular: "payment"),
        StandardObject(id: "0-115", plural: "users", singular: "user"),
        StandardObject(id: "0-116", plural: "postal_mail", singular: "postal_mail"),
        StandardObject(id: "0-123", plural: "orders", singular: "order"),
        StandardObject(id: "0-136", plural: "leads", singular: "lead"),
        StandardObject(id: "0-142", plural: "carts", singular: "cart"),
        StandardObject(id: "0-162", plural: "services", singular: "service"),
        StandardObject(id: "0-410", plural: "courses", singular: "course"),
        StandardObject(id: "0-420", plural: "listings", singular: "listing"),
        StandardObject(id: "0-421", plural: "appointments", singular: "appointment"),
        StandardObject(id: "0-970", plural: "projects", singular: "project"),
    ]

    /// Lower-case plural and singular names to objects.
    static let byName: [String: StandardObject] = {
        var names: [String: StandardObject] = [:]
        for object in all {
            names[object.plural] = object
            names[object.singular] = object
        }
        return names
    }()

    /// Object type ids to objects.
    static let byID: [String: StandardObject] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
}
