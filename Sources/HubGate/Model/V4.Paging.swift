extension V4 {
    /// `Paging`: `{next: {after, link?}}`, present only when there are more pages.
    package struct Paging: Codable, Hashable, Sendable {
        /// `PagingNext`: the cursor of the next page.
        package struct Next: Codable, Hashable, Sendable {
            /// The opaque cursor, passed through byte for byte.
            package var after: String?
            /// A link to the next page (deprecated by HubSpot; dropped when translating to v3).
            package var link: String?

            /// Creates a cursor.
            package init(after: String?, link: String? = nil) {
                self.after = after
                self.link = link
            }
        }

        /// The next page, if any.
        package var next: Next?

        /// Creates paging.
        package init(next: Next?) {
            self.next = next
        }
    }
}
