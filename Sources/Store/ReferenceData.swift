import GongkaiCore

/// Reference tables derived from templates/ (holiday calendar, approval limits, payment standards)
/// that definition SQL and the payment check join against.
///
/// They are given to each statement as common table expressions put in front of it
/// (`WITH calendar_day(day, date, working, ordinal) AS (VALUES …) <the definition>`), built from the
/// templates just loaded, and only for the tables the statement names. Why this and not tables:
/// - computing indicators writes nothing, so it works on a database opened read-only and on a
///   PostgreSQL read-only transaction, and a template edit applies at once;
/// - nothing lives on a connection (the temporary tables this replaced shadowed the store's own tables
///   per SQLite connection; PostgreSQL's pooled connections would carry them from one caller to the
///   next), and two nodes with different templates cannot see each other's rows;
/// - the statement is the same text on both databases: a `WITH` clause and `VALUES` rows are
///   standard SQL, and a definition that begins with its own `WITH` gets these added to its list.
/// The tables are small (a calendar is a few years of days), so writing them into the statement
/// costs less than a round trip would. The store's tables of the same names stay empty.
public enum ReferenceData {
    public struct CalendarDay: Sendable, Equatable {
        public let day: Int
        public let working: Bool
        public init(day: Int, working: Bool) { self.day = day; self.working = working }
    }

    /// The reference rows, as the definitions read them.
    public struct Tables: Sendable {
        public let calendar: [CalendarDay]
        public let approvalLimits: [String: Int]
        /// Each allowance with the months it holds for (templates/standards.toml).
        public let allowances: [(allowance: PaymentStandards.Allowance, first: YearMonth, last: YearMonth?)]
        /// Each table's definition as a common table expression, by the name statements use.
        let expressions: [(name: String, sql: String)]

        public init(calendar: [CalendarDay], approvalLimits: [String: Int], standards: PaymentStandards) {
            self.calendar = calendar; self.approvalLimits = approvalLimits
            allowances = standards.allowancePeriods()
            var ordinal = 0
            let days = calendar.map { d -> [String] in
                if d.working { ordinal += 1 }
                return [String(d.day), Self.quoted(CivilDate(dayNumber: d.day).description), d.working ? "1" : "0", String(ordinal)]
            }
            let limits = approvalLimits.sorted { $0.key < $1.key }.map { [Self.quoted($0.key), String($0.value)] }
            let standards = allowances.map { a in
                [Self.quoted(a.allowance.programme.code), Self.quoted(a.allowance.area), Self.quoted(a.allowance.category),
                 String(a.first.index), String(a.last?.index ?? ReferenceData.openEnded), String(a.allowance.fen),
                 a.allowance.perPerson ? "1" : "0"]
            }
            expressions = [
                ("calendar_day", Self.expression("calendar_day", ["day": "BIGINT", "date": "TEXT", "working": "BIGINT", "ordinal": "BIGINT"],
                                                 order: ["day", "date", "working", "ordinal"], rows: days)),
                ("approval_limit", Self.expression("approval_limit", ["programme": "TEXT", "working_days": "BIGINT"],
                                                   order: ["programme", "working_days"], rows: limits)),
                ("payment_standard", Self.expression("payment_standard",
                                                     ["programme": "TEXT", "area": "TEXT", "category": "TEXT", "first_month_index": "BIGINT",
                                                      "last_month_index": "BIGINT", "allowed_fen": "BIGINT", "per_person": "BIGINT"],
                                                     order: ["programme", "area", "category", "first_month_index", "last_month_index",
                                                             "allowed_fen", "per_person"], rows: standards)),
            ]
        }

        /// No reference rows: what a definition is checked against when it is loaded.
        static let empty = Tables(calendar: [], approvalLimits: [:], standards: PaymentStandards(entries: []))

        /// `sql` with the reference tables it names defined in front of it; unchanged when it names none.
        func prefixed(_ sql: String) -> String {
            let lower = sql.lowercased()
            let used = expressions.filter { Self.names(lower, $0.name) }.map(\.sql)
            guard !used.isEmpty else { return sql }
            let list = used.joined(separator: ",\n")
            if let rest = Self.afterLeadingWith(sql) {
                return "WITH \(rest.recursive ? "RECURSIVE " : "")\(list),\n\(rest.remainder.drop { $0.isWhitespace })"
            }
            return "WITH \(list)\n\(sql)"
        }

        /// A table as a common table expression: its rows as VALUES, the first row's values cast so that
        /// PostgreSQL types every column (SQLite keeps integers as integers either way); an empty table
        /// as a SELECT of typed NULLs that yields no row.
        private static func expression(_ name: String, _ types: [String: String], order: [String], rows: [[String]]) -> String {
            let head = "\(name)(\(order.joined(separator: ", "))) AS ("
            guard let first = rows.first else {
                return head + "SELECT " + order.map { "CAST(NULL AS \(types[$0] ?? "TEXT"))" }.joined(separator: ", ") + " WHERE 1 = 0)"
            }
            let typed = zip(order, first).map { "CAST(\($1) AS \(types[$0] ?? "TEXT"))" }
            let values = (["(" + typed.joined(separator: ", ") + ")"] + rows.dropFirst().map { "(" + $0.joined(separator: ", ") + ")" })
            return head + "VALUES " + values.joined(separator: ", ") + ")"
        }

        private static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

        /// Whether `lower` names `name` as a whole word.
        private static func names(_ lower: String, _ name: String) -> Bool {
            let word = { (c: Character) in c == "_" || c.isLetter || c.isNumber }
            var search = lower.startIndex..<lower.endIndex
            while let r = lower.range(of: name, range: search) {
                let before = r.lowerBound == lower.startIndex ? nil : lower[lower.index(before: r.lowerBound)]
                let after = r.upperBound == lower.endIndex ? nil : lower[r.upperBound]
                if !(before.map(word) ?? false) && !(after.map(word) ?? false) { return true }
                search = r.upperBound..<lower.endIndex
            }
            return false
        }

        /// When `sql` begins (after blanks and comments) with `WITH` or `WITH RECURSIVE`: what follows.
        private static func afterLeadingWith(_ sql: String) -> (recursive: Bool, remainder: Substring)? {
            var rest = sql[...]
            func skipBlanksAndComments() {
                while true {
                    rest = rest.drop { $0.isWhitespace }
                    if rest.hasPrefix("--") { rest = rest.drop { $0 != "\n" }; continue }
                    if rest.hasPrefix("/*"), let end = rest.range(of: "*/") { rest = rest[end.upperBound...]; continue }
                    return
                }
            }
            func keyword(_ word: String) -> Bool {
                guard rest.prefix(word.count).lowercased() == word else { return false }
                let after = rest.dropFirst(word.count).first
                guard after.map({ $0.isWhitespace || $0 == "-" || $0 == "/" }) ?? false else { return false }
                rest = rest.dropFirst(word.count)
                return true
            }
            skipBlanksAndComments()
            guard keyword("with") else { return nil }
            skipBlanksAndComments()
            let recursive = keyword("recursive")
            return (recursive, rest)
        }
    }

    /// The last month index of an allowance still in force (as `end_month_index` of an open enrolment).
    static let openEnded = 999_999

    /// Townships known to the store, for listing every township even where a figure is zero.
    public static func townships(in store: StoreDatabase) throws -> [String] {
        try store.session(readOnly: true) { try $0.column("SELECT DISTINCT township FROM household ORDER BY township") }
    }
}

extension StoreDatabase {
    /// Runs a definition's statement (templates/indicators.toml) for one month against the reference
    /// tables: its (programme, township, value) rows. One read of a consistent snapshot.
    public func rows(of query: DefinitionQuery, parameters: [String: Int],
                     reference: ReferenceData.Tables) throws -> [(programme: String?, township: String?, value: Int64?)] {
        try session(readOnly: true) { try query.groupedRows(parameters: parameters, reference: reference, in: $0) }
    }

    /// Runs a definition's single-value statement (a calendar check, which must return 0).
    public func scalar(of query: DefinitionQuery, parameters: [String: Int], reference: ReferenceData.Tables) throws -> Int64 {
        try session(readOnly: true) { try query.scalar(parameters: parameters, reference: reference, in: $0) }
    }
}
