import Foundation
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
        try store.writeAccounts { records in try Self.record(event, in: records) }
    }

    /// Appends `events` in one transaction (a sweep's thousands of records in one commit, not one each).
    public func record(contentsOf events: [AuditEvent]) throws {
        guard !events.isEmpty else { return }
        try store.writeAccounts { records in for event in events { try Self.record(event, in: records) } }
    }

    /// Appends `event` inside the caller's transaction, so the record and the change it describes are
    /// written together or not at all.
    ///
    /// Outside text (a login typed at the login page, a reason, an address) is stored with control
    /// characters replaced and each field capped, so a record cannot forge extra lines in a table or a
    /// log viewer, nor fill the disk.
    public static func record(_ event: AuditEvent, in records: AccountRecords) throws {
        try records.appendAudit(at: UTCTimestamp.text(event.time), actor: clean(event.actor.login, 128),
                                source: clean(event.actor.source, 128), action: clean(event.action.rawValue, 64),
                                object: clean(event.object, 256), outcome: event.outcome.rawValue, detail: clean(event.detail, 2000))
    }

    /// The records `query` selects.
    public func entries(_ query: AuditQuery) throws -> [AuditEntry] {
        try reading { records in
            try records.auditRows(Self.filter(query), limit: query.limit, offset: query.offset, oldestFirst: query.oldestFirst).map {
                AuditEntry(id: $0.id, time: $0.time, actor: $0.actor, source: $0.source, action: $0.action, object: $0.object,
                           outcome: $0.outcome, detail: $0.detail)
            }
        }
    }

    /// How many records `query`'s filters select (its limit and offset aside), for paging.
    public func count(_ query: AuditQuery) throws -> Int {
        try reading { records in try records.auditCount(Self.filter(query)) }
    }

    /// Reads the log; a record gongkai never wrote is `AuditLogError.damagedRecord`.
    private func reading<T>(_ body: (AccountRecords) throws -> T) throws -> T {
        do { return try store.readAccounts(body) } catch let damage as StoredRecordDamage {
            throw AuditLogError.damagedRecord(column: damage.field, value: Login.printable(damage.value))
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

    private static func filter(_ query: AuditQuery) -> AccountRecords.AuditFilter {
        AccountRecords.AuditFilter(since: query.since.map(UTCTimestamp.text), until: query.until.map(UTCTimestamp.text),
                                   actor: query.actor, action: query.action?.rawValue, outcome: query.outcome?.rawValue)
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
