import Foundation

extension StoreDatabase {
    /// The numbers of the complaints whose summary or a reply's note contains `text`, by the rule of
    /// the desk's listings (`ComplaintSelection.text`); nothing for blank text.
    ///
    /// The text is compared with LIKE on the tables themselves (`SQLDialect.containsText`); the
    /// trigram index (SQLite's `complaint_search`, PostgreSQL's pg_trgm indexes) only narrows a search
    /// of three characters or more first (`SQLDialect.textSearchNarrowing`). LIKE is never asked of the index's
    /// own column: on SQLite 3.40 (Debian 12) the trigram tokenizer takes such a LIKE over and, for a
    /// pattern shorter than three characters but longer than three bytes (any CJK pair, "低保" is a
    /// common query), wrongly answers nothing.
    public func complaintIds(containing text: String) throws -> Set<String> {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        var selection = ComplaintSelection()
        selection.text = text
        return Set(try session(readOnly: true) { session in
            let (conditions, arguments) = selection.whereClause(session.dialect)
            return try session.rows("SELECT complaint_id FROM complaint \(conditions)", arguments).compactMap { $0.optional("complaint_id") as String? }
        })
    }

    /// The complaints linked to `id` as repeat calls, by number.
    public func repeatCalls(of id: String) throws -> [String] {
        try session(readOnly: true) { session in
            try session.column("SELECT complaint_id FROM complaint WHERE repeat_of = ? ORDER BY complaint_id", id)
        }
    }

    /// `text` with LIKE's wildcards and the escape character itself escaped by a backslash.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
