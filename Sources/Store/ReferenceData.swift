import GRDB
import GongkaiCore

/// Reference tables derived from templates/ (holiday calendar, approval limits, payment standards)
/// that definition SQL and the payment check join against.
///
/// A statement names them as tables (`calendar_day`, `approval_limit`, `payment_standard`); the store
/// puts a common table expression of that name in front of each statement that names one, built from
/// the templates just loaded (`SQLDialect.referenceTable`). Nothing shadows the store's tables of the
/// same names (they stay empty) and nothing is written to the database, so computing works on a
/// read-only store and a template edit applies at once:
/// - on PostgreSQL the expression carries the rows as `VALUES`: nothing lives on a pooled connection,
///   and two nodes with different templates never see each other's rows;
/// - on SQLite it selects from a temporary table of the connection under another name
///   (`temp.reference_calendar_day`, keyed like the store's), filled once per connection and
///   templates: SQLite's planner scans VALUES rows for every joined row (25 times slower on the
///   approval statements), and a keyed table is a lookup.
/// A definition that begins with its own `WITH` gets the expressions added to its list.
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
        /// Each table: its name, typed columns and rows as SQL literals.
        let tables: [Table]
        /// Says whether an SQLite connection already holds these rows.
        let digest: String

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
            tables = [
                Table(name: "calendar_day", columns: [("day", "BIGINT"), ("date", "TEXT"), ("working", "BIGINT"), ("ordinal", "BIGINT")],
                      key: ["day"], rows: days),
                Table(name: "approval_limit", columns: [("programme", "TEXT"), ("working_days", "BIGINT")], key: ["programme"], rows: limits),
                Table(name: "payment_standard",
                      columns: [("programme", "TEXT"), ("area", "TEXT"), ("category", "TEXT"), ("first_month_index", "BIGINT"),
                                ("last_month_index", "BIGINT"), ("allowed_fen", "BIGINT"), ("per_person", "BIGINT")],
                      key: [], rows: standards),
            ]
            var hasher = Digest.Hasher()
            for table in tables {
                hasher.update("\(table.name)\n")
                for row in table.rows { hasher.update(row.joined(separator: "\t") + "\n") }
            }
            digest = hasher.finalizeHex()
        }

        /// No reference rows: what a definition is checked against when it is loaded.
        static let empty = Tables(calendar: [], approvalLimits: [:], standards: PaymentStandards(entries: []))

        /// `sql` with the reference tables it names defined in front of it, as `dialect` reads them;
        /// unchanged when it names none.
        func prefixed(_ sql: String, dialect: SQLDialect) -> String {
            let lower = sql.lowercased()
            let used = tables.filter { Self.names(lower, $0.name) }.map(dialect.referenceTable)
            guard !used.isEmpty else { return sql }
            let list = used.joined(separator: ",\n")
            if let rest = Self.afterLeadingWith(sql) {
                return "WITH \(rest.recursive ? "RECURSIVE " : "")\(list),\n\(rest.remainder.drop { $0.isWhitespace })"
            }
            return "WITH \(list)\n\(sql)"
        }

        static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

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

    /// One reference table: its name, its columns with their types, the columns of its key (an
    /// index on SQLite's temporary copy) and its rows as SQL literals.
    struct Table: Sendable {
        let name: String
        let columns: [(name: String, type: String)]
        let key: [String]
        let rows: [[String]]
    }

    /// The last month index of an allowance still in force (as `end_month_index` of an open enrolment).
    static let openEnded = 999_999

    /// Townships known to the store, for listing every township even where a figure is zero.
    public static func townships(in store: StoreDatabase) throws -> [String] {
        try store.session(readOnly: true) { try $0.column("SELECT DISTINCT township FROM household ORDER BY township") }
    }
}

extension ReferenceData.Tables {
    /// Fills the connection's temporary copies (`temp.reference_<name>`, SQLDialect.referenceTable)
    /// unless it holds these rows already. SQLite only: PostgreSQL's statements carry their rows.
    func install(on db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS reference_digest (digest TEXT NOT NULL)")
        if try String.fetchOne(db, sql: "SELECT digest FROM temp.reference_digest") == digest { return }
        try db.inTransaction(.deferred) {
            for table in tables {
                let key = table.key.isEmpty ? "" : ", PRIMARY KEY (\(table.key.joined(separator: ", ")))"
                try db.execute(sql: """
                    DROP TABLE IF EXISTS temp.reference_\(table.name);
                    CREATE TEMP TABLE reference_\(table.name) (\(table.columns.map { "\($0.name) \($0.type == "TEXT" ? "TEXT" : "INTEGER") NOT NULL" }
                        .joined(separator: ", "))\(key));
                    """)
                for row in table.rows {
                    try db.execute(sql: "INSERT INTO temp.reference_\(table.name) VALUES (\(row.joined(separator: ", ")))")
                }
            }
            try db.execute(sql: "DELETE FROM temp.reference_digest")
            try db.execute(sql: "INSERT INTO temp.reference_digest (digest) VALUES (?)", arguments: [digest])
            return .commit
        }
    }
}

extension StoreDatabase {
    /// Runs a definition's statement (templates/indicators.toml) for one month against the reference
    /// tables: its (programme, township, value) rows. One read of a consistent snapshot.
    public func rows(of query: DefinitionQuery, parameters: [String: Int],
                     reference: ReferenceData.Tables) throws -> [(programme: String?, township: String?, value: Int64?)] {
        try referenceRead(reference) { try query.groupedRows(parameters: parameters, reference: reference, in: $0) }
    }

    /// Runs a definition's single-value statement (a calendar check, which must return 0).
    public func scalar(of query: DefinitionQuery, parameters: [String: Int], reference: ReferenceData.Tables) throws -> Int64 {
        try referenceRead(reference) { try query.scalar(parameters: parameters, reference: reference, in: $0) }
    }
}
