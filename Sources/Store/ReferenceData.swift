import GRDB
import GongkaiCore

/// Reference tables derived from templates/ (holiday calendar, approval limits, payment standards)
/// that definition SQL and the payment check join against.
///
/// They live as temporary tables on each connection that runs a definition, filled from the
/// templates just loaded, never in the database file: computing indicators writes nothing, so it
/// works on a read-only database, and a template edit applies at once. Unqualified names look in
/// `temp` before `main`, so the statements read these and never the store's tables of the same name
/// (created by the first schema; left empty).
public enum ReferenceData {
    public struct CalendarDay: Sendable, Equatable {
        public let day: Int
        public let working: Bool
        public init(day: Int, working: Bool) { self.day = day; self.working = working }
    }

    /// The contents of both tables, and a digest that says whether a connection already holds them.
    public struct Tables: Sendable {
        public let calendar: [CalendarDay]
        public let approvalLimits: [String: Int]
        /// Each allowance with the months it holds for (templates/standards.toml).
        public let allowances: [(allowance: PaymentStandards.Allowance, first: YearMonth, last: YearMonth?)]
        let digest: String

        public init(calendar: [CalendarDay], approvalLimits: [String: Int], standards: PaymentStandards) {
            self.calendar = calendar; self.approvalLimits = approvalLimits
            allowances = standards.allowancePeriods()
            var hasher = Digest.Hasher()
            for d in calendar { hasher.update("\(d.day) \(d.working)\n") }
            for (p, n) in approvalLimits.sorted(by: { $0.key < $1.key }) { hasher.update("\(p) \(n)\n") }
            for a in allowances {
                hasher.update("\(a.allowance.programme.code) \(a.allowance.area) \(a.allowance.category) \(a.allowance.fen) \(a.allowance.perPerson) \(a.first) \(a.last?.description ?? "")\n")
            }
            digest = hasher.finalizeHex()
        }
    }

    /// Runs `block` on a connection of the store that holds `tables` as temporary tables. Outside a
    /// transaction: each statement the engine runs is one read of a consistent snapshot.
    static func read<T>(with tables: Tables, in store: StoreDatabase, _ block: (Database) throws -> T) throws -> T {
        try store.writer.unsafeRead { db in
            try install(tables, on: db)
            return try block(db)
        }
    }

    /// Creates the temporary tables on this connection, unless it holds them already.
    private static func install(_ tables: Tables, on db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS reference_digest (digest TEXT NOT NULL)")
        if try String.fetchOne(db, sql: "SELECT digest FROM temp.reference_digest") == tables.digest { return }
        try db.inTransaction(.deferred) {
            try db.execute(sql: """
                DROP TABLE IF EXISTS temp.calendar_day;
                DROP TABLE IF EXISTS temp.approval_limit;
                DROP TABLE IF EXISTS temp.payment_standard;
                CREATE TEMP TABLE calendar_day (day INTEGER PRIMARY KEY NOT NULL, date TEXT NOT NULL,
                                                working INTEGER NOT NULL, ordinal INTEGER NOT NULL);
                CREATE TEMP TABLE approval_limit (programme TEXT PRIMARY KEY NOT NULL, working_days INTEGER NOT NULL);
                CREATE TEMP TABLE payment_standard (programme TEXT NOT NULL, area TEXT NOT NULL, category TEXT NOT NULL,
                                                    first_month_index INTEGER NOT NULL, last_month_index INTEGER NOT NULL,
                                                    allowed_fen INTEGER NOT NULL, per_person INTEGER NOT NULL);
                DELETE FROM temp.reference_digest;
                """)
            let day = try db.makeStatement(sql: "INSERT INTO temp.calendar_day (day, date, working, ordinal) VALUES (?, ?, ?, ?)")
            var ordinal = 0
            for d in tables.calendar {
                if d.working { ordinal += 1 }
                try day.execute(arguments: [d.day, CivilDate(dayNumber: d.day).description, d.working, ordinal])
            }
            for (p, n) in tables.approvalLimits.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO temp.approval_limit (programme, working_days) VALUES (?, ?)", arguments: [p, n])
            }
            let standard = try db.makeStatement(sql: """
                INSERT INTO temp.payment_standard (programme, area, category, first_month_index, last_month_index, allowed_fen, per_person)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for a in tables.allowances {
                try standard.execute(arguments: [a.allowance.programme.code, a.allowance.area, a.allowance.category, a.first.index,
                                                 a.last?.index ?? openEnded, a.allowance.fen, a.allowance.perPerson])
            }
            try db.execute(sql: "INSERT INTO temp.reference_digest (digest) VALUES (?)", arguments: [tables.digest])
            return .commit
        }
    }

    /// The last month index of an allowance still in force (as `end_month_index` of an open enrolment).
    static let openEnded = 999_999

    /// Townships known to the store, for listing every township even where a figure is zero.
    public static func townships(in store: StoreDatabase) throws -> [String] {
        try store.read { try String.fetchAll($0, sql: "SELECT DISTINCT township FROM household") }
    }
}

extension StoreDatabase {
    /// Runs a definition's statement (templates/indicators.toml) for one month against the reference
    /// tables: its (programme, township, value) rows. One read of a consistent snapshot.
    public func rows(of query: DefinitionQuery, parameters: [String: Int],
                     reference: ReferenceData.Tables) throws -> [(programme: String?, township: String?, value: Int64?)] {
        try ReferenceData.read(with: reference, in: self) { try query.groupedRows(parameters: parameters, in: $0) }
    }

    /// Runs a definition's single-value statement (a calendar check, which must return 0).
    public func scalar(of query: DefinitionQuery, parameters: [String: Int], reference: ReferenceData.Tables) throws -> Int64 {
        try ReferenceData.read(with: reference, in: self) { try query.scalar(parameters: parameters, in: $0) }
    }
}
