import HubSpotModel

/// An association type within one object pair: its category and its id. Type ids are unique only
/// within a category (a portal can have USER_DEFINED 1 beside HUBSPOT_DEFINED 1), so the two always
/// travel together; the pair is the catalog's.
package struct AssociationTypeKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Who defined the type.
    package var category: AssociationCategory
    /// The id within the category.
    package var typeID: Int

    /// Creates a key.
    package init(_ category: AssociationCategory, _ typeID: Int) {
        self.category = category
        self.typeID = typeID
    }

    /// HubSpot-defined types first, then the other categories in declaration order, then by id.
    package static func < (lhs: AssociationTypeKey, rhs: AssociationTypeKey) -> Bool {
        (lhs.categoryRank, lhs.typeID) < (rhs.categoryRank, rhs.typeID)
    }

    private var categoryRank: Int {
        AssociationCategory.allCases.firstIndex(of: category) ?? Int.max
    }

    /// `USER_DEFINED=3`, the form HubSpot's validation errors use.
    package var description: String { "\(category.rawValue)=\(typeID)" }
}
