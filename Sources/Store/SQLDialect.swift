import GRDB

/// Where the store's two databases differ, kept in this one file so that porting to a third (the 信创
/// databases that speak PostgreSQL's protocol with their own variations, docs/xinchuang.md) means
/// reading and changing one place.
///
/// Most statements are written once in SQL both accept; a statement that cannot be (full-text search,
/// bulk loading, locks) asks its session's dialect for its text here, never tests the backend itself.
enum SQLDialect: Sendable, Equatable {
    case sqlite
    case postgres
}

// MARK: The complaint desk

extension SQLDialect {
    /// The column that names a complaint's row for the queue pages' "pick the page's rows in the
    /// index, then read them": SQLite's rowid (one B-tree step, where the TEXT primary key is a second
    /// index), PostgreSQL's primary key (it has no stable row id).
    var complaintRowKey: String {
        switch self {
        case .sqlite: "rowid"
        case .postgres: "complaint_id"
        }
    }

    /// Appended to the read of a complaint about to be changed: PostgreSQL locks the row until the
    /// transaction ends, so that two nodes changing one complaint at once take turns and neither loses
    /// the other's change. SQLite needs nothing: its write transaction already holds the database.
    var lockingRead: String {
        switch self {
        case .sqlite: ""
        case .postgres: " FOR UPDATE"
        }
    }

    /// A condition that `column` contains a LIKE `pattern` (one `?`, escaped with a backslash),
    /// ignoring the case of Latin letters only, as SQLite's LIKE does. PostgreSQL's LIKE ignores no
    /// case; its ILIKE under the "C" collation folds ASCII letters only (and may use the trigram
    /// indexes of v8-desk-search, built under that collation).
    func containsText(_ column: String) -> String {
        switch self {
        case .sqlite: "\(column) LIKE ? ESCAPE '\\'"
        case .postgres: "\(column) COLLATE \"C\" ILIKE ? ESCAPE '\\'"
        }
    }

    /// A condition that narrows a search for `text` (three characters or more) to the complaints
    /// whose summary or a reply holds it, answered from the trigram index: SQLite's FTS5 table
    /// `complaint_search`, PostgreSQL's pg_trgm indexes on the texts. It may keep more rows than the
    /// search then finds (never fewer), so the search's own LIKE still decides.
    func textSearchNarrowing(_ text: String) -> (sql: String, arguments: [SQLValue]) {
        switch self {
        case .sqlite:
            return ("complaint_id IN (SELECT complaint_id FROM complaint_search WHERE complaint_search MATCH ?)",
                    [.text("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")])
        case .postgres:
            let pattern = SQLValue.text("%" + StoreDatabase.likeEscaped(text) + "%")
            return ("""
                complaint_id IN (SELECT s.complaint_id FROM complaint s WHERE \(containsText("s.summary"))
                 UNION SELECT r.complaint_id FROM complaint_event r WHERE r.action = 'reply' AND r.note IS NOT NULL
                 AND \(containsText("r.note")))
                """, [pattern, pattern])
        }
    }

    /// The statement that makes concurrent intakes of the month `monthIndex` take turns inside their
    /// transactions, so that each reads the month's highest number after the previous one committed
    /// (unique numbers; a rolled-back intake leaves no gap). SQLite needs none: one writer at a time.
    /// On PostgreSQL a transaction-scoped advisory lock per month, released at commit or rollback; its
    /// key puts "gk" in the high bytes, apart from the migration lock and the sweep's.
    func intakeNumberLock(monthIndex: Int) -> (sql: String, arguments: [SQLValue])? {
        switch self {
        case .sqlite: nil
        case .postgres: ("SELECT pg_advisory_xact_lock(?)", [.integer(0x676B_0000_0000_0000 | Int64(monthIndex))])
        }
    }

    /// Whether `error` is a conflict with another writer that the same transaction, run again, may
    /// not meet: SQLite's busy answer (given without waiting, e.g. while another process
    /// checkpoints), PostgreSQL's serialization failure (40001) or deadlock (40P01).
    static func isTransientConflict(_ error: any Error) -> Bool {
        if let error = error as? DatabaseError { return error.resultCode == .SQLITE_BUSY }
        if case .postgres(_, let failure) = error as? StoreError, case .server(let state) = failure.kind {
            return state == "40001" || state == "40P01"
        }
        return false
    }
}

// MARK: The import

extension SQLDialect {
    /// The statement that makes imports take turns: two at once (two offices' staff, two nodes) would
    /// each find a table empty, COPY into it and clash on its keys. SQLite needs none: one writer at
    /// a time. On PostgreSQL a transaction-scoped advisory lock, taken before the import reads
    /// anything, so the second import validates against what the first committed.
    var importLock: String? {
        switch self {
        case .sqlite: nil
        case .postgres: "SELECT pg_advisory_xact_lock(\(0x676B_4900_0000_0000 as Int64))"
        }
    }
}

// MARK: The public channel

extension SQLDialect {
    /// The statement that makes two counts of one subject's hits (`countPublicHit`) take turns, so
    /// that two requests at once, on two nodes, cannot both take its last place. SQLite needs none:
    /// one writer at a time. On PostgreSQL a transaction-scoped advisory lock on a hash of the kind
    /// and subject (two subjects sharing a hash only wait for each other), in a key range of its own.
    func publicHitLock(kind: String, subject: String) -> (sql: String, arguments: [SQLValue])? {
        switch self {
        case .sqlite: nil
        case .postgres: ("SELECT pg_advisory_xact_lock(CAST(? AS BIGINT) + hashtext(?))",
                         [.integer(0x676B_5000_0000_0000), .text(kind + "\u{1F}" + subject)])
        }
    }
}

// MARK: The indicators' reference tables

extension SQLDialect {
    /// A reference table (`ReferenceData`) as the common table expression a statement reads it by:
    /// on SQLite a view of the connection's keyed temporary copy (`NOT MATERIALIZED`, so a join on its
    /// key is an index lookup; SQLite builds no index on VALUES rows and would scan them per row), on
    /// PostgreSQL the rows themselves as VALUES, the first row's values cast so that every column has
    /// its type (an empty table: typed NULLs and no row).
    func referenceTable(_ table: ReferenceData.Table) -> String {
        let names = table.columns.map(\.name).joined(separator: ", ")
        let head = "\(table.name)(\(names)) AS "
        switch self {
        case .sqlite:
            return head + "NOT MATERIALIZED (SELECT \(names) FROM temp.reference_\(table.name))"
        case .postgres:
            guard let first = table.rows.first else {
                return head + "(SELECT " + table.columns.map { "CAST(NULL AS \($0.type))" }.joined(separator: ", ") + " WHERE 1 = 0)"
            }
            let typed = zip(table.columns, first).map { "CAST(\($1) AS \($0.type))" }.joined(separator: ", ")
            let rows = ["(" + typed + ")"] + table.rows.dropFirst().map { "(" + $0.joined(separator: ", ") + ")" }
            return head + "(VALUES " + rows.joined(separator: ", ") + ")"
        }
    }
}

// MARK: The indicators' aggregates

extension SQLDialect {
    /// Whether the payment tallies (`IndicatorAggregates`) are joined and counted by the database in
    /// one statement, or by the store from ordered reads. Inside a first import of a million
    /// households SQLite looks up every page it reads in a write-ahead log of gigabytes, and its
    /// nested-loop join reads a household and an enrolment page for each payment: the statement did
    /// not finish in ten minutes, the ordered reads take 26 s. PostgreSQL hash-joins the same rows in
    /// 44 s of its own time, where reading them all into the client took 106 s of CPU and 950 MiB.
    var countsPaymentTalliesInSQL: Bool {
        switch self {
        case .sqlite: false
        case .postgres: true
        }
    }
}
