/// A CRM object type as HubSpot names it in paths: a standard object (`contacts`, `0-1`), a custom
/// object (`2-3456`) or a fully qualified custom object name (`p1234_cars`).
///
/// HubSpot accepts several spellings of one type in a path (`contacts`, `contact`, `CONTACTS`, `0-1`);
/// an `ObjectType` is the one canonical value behind all of them, so caches and tables key on it.
package struct ObjectType: Hashable, Sendable, CustomStringConvertible {
    /// The object type id (`0-1`), or for a fully qualified custom name, that name in lower case.
    package let id: String
    /// The standard object this is, when it is one.
    package let standard: StandardObject?

    /// Parses any spelling HubSpot accepts in a path segment; `nil` for anything else.
    package init?(pathSegment: some StringProtocol) {
        let lowered = pathSegment.lowercased()
        if let standard = StandardObject.byName[lowered] ?? StandardObject.byID[lowered] {
            self.init(standard)
            return
        }
        if Self.isObjectTypeID(lowered) || Self.isQualifiedCustomName(lowered) {
            self.init(id: lowered, standard: nil)
            return
        }
        return nil
    }

    /// The canonical type of a standard object.
    package init(_ standard: StandardObject) {
        self.init(id: standard.id, standard: standard)
    }

    private init(id: String, standard: StandardObject?) {
        self.id = id
        self.standard = standard
    }

    /// The plural name for standard objects (`contacts`), otherwise the id.
    package var pathName: String { standard?.plural ?? id }

    /// The singular snake_case name used in v3 type names (`line_item`), otherwise the id.
    package var singularName: String { standard?.singular ?? id }

    package var description: String { pathName }

    /// `0-1`, `2-3456`: digits, a dash, digits.
    private static func isObjectTypeID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 20 && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// `p1234_cars`: a portal-qualified custom object name.
    private static func isQualifiedCustomName(_ text: String) -> Bool {
        guard text.count <= 100, text.first == "p", let underscore = text.firstIndex(of: "_") else { return false }
        let portal = text[text.index(after: text.startIndex)..<underscore]
        let name = text[text.index(after: underscore)...]
        return !portal.isEmpty && portal.allSatisfy(\.isASCIIDigit)
            && !name.isEmpty && name.allSatisfy { $0.isASCIIDigit || ($0 >= "a" && $0 <= "z") || $0 == "_" }
    }
}

extension Character {
    /// True for `0`...`9` only (not other Unicode digits, which HubSpot ids never contain).
    package var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
