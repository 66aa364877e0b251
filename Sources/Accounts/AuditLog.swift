import Foundation
import GRDB
import GongkaiCore
import Store

/// The append-only audit log (等保 2.0 安全审计): who did what, from where, when, with what outcome.
///
/// Records are only ever appended: the database refuses UPDATE and DELETE on `audit_log` (triggers),
/// so nothing — no command, no page, not the system administrator — purges records, and in particular
/// none younger than the policy's retention (180 days at least). An archive step for records older
/// than the retention is left to a later issue.
public struct AuditLog: Sendable {
    public let store: StoreDatabase

    public init(store: StoreDatabase) { self.store = store }

    /// Appends `event` in its own transaction.
    public func record(_ event: AuditEvent) throws {
        try store.write { db in try Self.record(event, in: db) }
    }

    /// Appends `events` in one transaction (a sweep's thousands of records in one commit, not one each).
    public func record(contentsOf events: [AuditEvent]) throws {
        guard !events.isEmpty else { return }
        try store.write { db in for event in events { try Self.record(event, in: db) } }
    }

    /// Appends `event` inside the caller's transaction, so the record and the change it describes are
    /// written together or not at all.
    ///
    /// Outside text (a login typed at the login page, a reason, an address) is stored with control
    /// characters replaced and each field capped, so a record cannot forge extra lines in a table or a
    /// log viewer, nor fill the disk.
    public static func record(_ event: AuditEvent, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO audit_log (at, actor, source, action, object, outcome, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [UTCTimestamp.text(event.time), clean(event.actor.login, 128), clean(event.actor.source, 128),
                             clean(event.action.rawValue, 64), clean(event.object, 256), event.outcome.rawValue,
                             clean(event.detail, 2000)])
    }

    /// The records `query` selects.
    public func entries(_ query: AuditQuery) throws -> [AuditEntry] {
        try store.read { db in
            let (whereClause, arguments) = Self.filter(query)
            var args = arguments
            args += [query.limit, query.offset]
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, at, actor, source, action, object, outcome, detail FROM audit_log
                \(whereClause) ORDER BY id \(query.oldestFirst ? "ASC" : "DESC") LIMIT ? OFFSET ?
                """, arguments: StatementArguments(args))
            return try rows.map { row in
                func text(_ column: String) throws -> String {
                    try row.checked(column) { AuditLogError.damagedRecord(column: $0, value: $1) } ?? ""
                }
                let id: Int64? = try row.checked("id") { AuditLogError.damagedRecord(column: $0, value: $1) }
                return AuditEntry(id: id ?? 0, time: try text("at"), actor: try text("actor"), source: try text("source"),
                                  action: try text("action"), object: try text("object"), outcome: try text("outcome"),
                                  detail: try text("detail"))
            }
        }
    }

    /// How many records `query`'s filters select (its limit and offset aside), for paging.
    public func count(_ query: AuditQuery) throws -> Int {
        try store.read { db in
            let (whereClause, arguments) = Self.filter(query)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log \(whereClause)",
                                    arguments: StatementArguments(arguments)) ?? 0
        }
    }

    /// The CSV header: Chinese, like the office's other exports.
    public static let csvHeader = ["序号", "时间(UTC)", "操作人", "来源地址", "操作", "对象", "结果", "详情"]

    /// The records as CSV (oldest first unless the query says otherwise), through `CSVWriter`: every
    /// cell that a spreadsheet would run as a formula is neutralised — actors, objects and details
    /// come from outside (a login typed as `=HYPERLINK(…)`). Write `utf8WithBOM` for Excel and WPS.
    public func csv(_ query: AuditQuery) throws -> CSVWriter {
        var writer = CSVWriter(header: Self.csvHeader)
        for e in try entries(query) {
            writer.append([String(e.id), e.time, e.actor, e.source, e.action, e.object, e.outcome, e.detail])
        }
        return writer
    }

    private static func filter(_ query: AuditQuery) -> (String, [(any DatabaseValueConvertible)?]) {
        var clauses: [String] = [], args: [(any DatabaseValueConvertible)?] = []
        if let since = query.since { clauses.append("at >= ?"); args.append(UTCTimestamp.text(since)) }
        if let until = query.until { clauses.append("at < ?"); args.append(UTCTimestamp.text(until)) }
        if let actor = query.actor { clauses.append("actor = ?"); args.append(actor) }
        if let action = query.action { clauses.append("action = ?"); args.append(action.rawValue) }
        if let outcome = query.outcome { clauses.append("outcome = ?"); args.append(outcome.rawValue) }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), args)
    }

    /// Control and format characters replaced by U+FFFD, at most `limit` characters.
    static func clean(_ text: String, _ limit: Int) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit * 2).map {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? "\u{FFFD}" : $0
        })).prefix(limit).description
    }
}

/// A value in `audit_log` that gongkai did not write (the table was altered outside gongkai).
public enum AuditLogError: Error, Sendable, Equatable, CustomStringConvertible {
    case damagedRecord(column: String, value: String)

    public var description: String {
        switch self {
        case .damagedRecord(let column, let value):
            "审计日志中有一条不是 gongkai 写入的记录：\(column) 为 '\(value)'；数据库在 gongkai 之外被改动过"
        }
    }
}
