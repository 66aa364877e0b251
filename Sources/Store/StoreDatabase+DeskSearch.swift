import GRDB

extension StoreDatabase {
    /// The numbers of the complaints whose summary or a reply's note contains `text` (case-insensitive
    /// for Latin letters), through the trigram index `complaint_search`; nothing for blank text.
    ///
    /// Trigram matching needs at least three characters. A one- or two-character query ("低保" is a
    /// common one) is answered by LIKE over the same two columns of the tables themselves, not of the
    /// index: on SQLite 3.40 (Debian 12) the trigram tokenizer takes over a LIKE on its own column
    /// and, for a pattern shorter than three characters but longer than three bytes (any CJK pair),
    /// wrongly answers nothing. Both paths read only the summary and reply notes, never a caller.
    public func complaintIds(containing text: String) throws -> Set<String> {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        return try read { db in
            if text.count >= 3 {
                let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                return Set(try String.fetchAll(db, sql: "SELECT complaint_id FROM complaint_search WHERE complaint_search MATCH ?",
                                               arguments: [phrase]))
            }
            let pattern = "%" + Self.likeEscaped(text) + "%"
            return Set(try String.fetchAll(db, sql: """
                SELECT complaint_id FROM complaint WHERE summary LIKE ? ESCAPE '\\'
                UNION
                SELECT complaint_id FROM complaint_event WHERE action = 'reply' AND note LIKE ? ESCAPE '\\'
                """, arguments: [pattern, pattern]))
        }
    }

    /// The complaints linked to `id` as repeat calls, by number.
    public func repeatCalls(of id: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT complaint_id FROM complaint WHERE repeat_of = ? ORDER BY complaint_id", arguments: [id])
        }
    }

    /// `text` with LIKE's wildcards and the escape character itself escaped by a backslash.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
