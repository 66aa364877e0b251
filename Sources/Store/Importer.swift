import Foundation
import GongkaiCore

/// What one import did, per file.
public struct ImportSummary: Sendable {
    public struct FileResult: Sendable {
        public let kind: ImportKind
        public let fileName: String
        public let sha256: String
        public let encoding: TextEncoding
        public let rowsRead: Int
        public let inserted: Int
        public let updated: Int
    }
    public let files: [FileResult]
    public let warnings: [String]
    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
}

/// Imports the office's CSV exports into the store: all or nothing, idempotent, logged.
///
/// Every file is read, decoded and validated before anything is written; the write is a single
/// transaction, so a failed import leaves the store exactly as it was. Rows are upserted by their
/// contract keys, and an unchanged row is not rewritten, so importing the same files twice changes
/// nothing but the import log. The indicators' monthly aggregates are brought up to date in the same
/// transaction (`IndicatorAggregates`).
public struct Importer {
    public let store: StoreDatabase
    public let clock: Clock
    /// The desk's limits on the holiday calendar: each imported complaint gets its status and
    /// conclusion deadline from the same rule the desk applies to new ones.
    public let schedule: ComplaintSchedule
    /// Seals callers' names and phones before they are written; a hotline log with callers is refused
    /// without it (they are never stored in clear).
    public let identity: CallerIdentityCipher?
    /// Reads .xlsx workbooks (the Sheets module's); without one, a workbook is refused by name.
    public let workbooks: (any WorkbookOpener)?
    /// The office's import rules (templates/office.toml `[import]`): the form of a household key.
    public let settings: ImportSettings
    public static let errorLimit = 100

    public init(store: StoreDatabase, clock: Clock, schedule: ComplaintSchedule,
                identity: CallerIdentityCipher? = nil, workbooks: (any WorkbookOpener)? = nil,
                settings: ImportSettings = .standard) {
        self.store = store; self.clock = clock; self.schedule = schedule; self.identity = identity
        self.workbooks = workbooks; self.settings = settings
    }

    /// Reads, validates and imports the tables in one transaction. Throws `InputErrors` (the first
    /// 100, with the total) and writes nothing when any row is wrong.
    public func run(paths: [String], source: String = "import") throws -> ImportSummary {
        let (found, collectWarnings) = try TableCollection.collect(paths, workbooks: workbooks, as: ImportKind.self)
        var batch = ImportBatch(townships: schedule.townships)
        var errors: [InputError] = []
        var warnings = collectWarnings
        for (kind, table) in found {
            let name = table.name
            var header: ResolvedHeader?
            var reader: FieldReader?
            var rows = 0
            let origin: TableOrigin
            do {
                origin = try table.read { row in
                    guard reader != nil else {
                        // The first row is the header: a header that is wrong stops the table here.
                        let resolved = try ResolvedHeader(row, kind: kind, file: name)
                        header = resolved
                        reader = FieldReader(file: name, header: resolved, townships: schedule.townships, settings: settings)
                        return
                    }
                    rows += 1
                    reader?.add(row, kind: kind, to: &batch)
                }
            } catch let failure as InputErrors {
                errors += failure.errors
                continue
            }
            guard let header else {
                errors.append(InputError(file: name, line: 1, reason: CSVTable.Failure.empty.description))
                continue
            }
            for column in header.ignored {
                warnings.append("\(name)：列 '\(column)' 不在数据约定中，已忽略")
            }
            errors += reader?.errors ?? []
            batch.files[kind] = FileInfo(kind: kind, name: name, sha256: origin.sha256, encoding: origin.encoding, rows: rows)
        }
        return try store.session(readOnly: false) { session in
            if let lock = session.dialect.importLock { try session.execute(lock, []) }
            let townships = try batch.householdTownships(in: session)
            errors += try batch.validate(against: session, households: townships)
            guard errors.isEmpty else {
                // In the order a person fixes them: file by file (import order), line by line.
                let order = Dictionary(found.enumerated().map { ($1.1.name, $0) }, uniquingKeysWith: min)
                let sorted = errors.enumerated().sorted {
                    let a = $0.element, b = $1.element
                    return (order[a.file] ?? -1, a.line ?? 0, $0.offset) < (order[b.file] ?? -1, b.line ?? 0, $1.offset)
                }.map(\.element)
                throw InputErrors(Array(sorted.prefix(Self.errorLimit)), totalCount: errors.count)
            }
            var provisional = 0
            for i in batch.complaints.indices {
                let c = batch.complaints[i]
                batch.complaints[i].schedule = schedule.historical(type: c.type, receivedOn: c.receivedDate, closedOn: c.closedDate)
                if batch.complaints[i].schedule?.due.isProvisional == true { provisional += 1 }
                if c.hasCaller {
                    guard let identity else { throw CallerIdentityKeyMissing(purpose: "保存 complaints.csv 中来电人的姓名和电话") }
                    batch.complaints[i].sealedCaller = SealedCaller(name: c.callerName, phone: c.callerPhone, cipher: identity)
                }
            }
            if provisional > 0 {
                warnings.append("complaints.csv：\(provisional) 件投诉的办结期限所在年份没有节假日安排，暂按只扣除周末计算并标为“暂定”；在 templates/calendar/ 添加该年文件后，投诉台的下一次巡检（gongkai complaint sweep，或 serve 每 10 分钟一次）会重新计算")
            }
            batch.fillTownships(townships)
            let results = try batch.write(session)
            try IndicatorAggregates.refresh(after: batch.aggregateChanges(results), in: session)
            if batch.files[.members] != nil || batch.files[.households] != nil,
               let warning = MemberCountDifference.warning(try MemberCountDifference.all(in: session)) {
                warnings.append(warning)
            }
            try ImportLog.record(results, source: source, at: clock.now(), in: session)
            return ImportSummary(files: results, warnings: warnings)
        }
    }
}

private extension FieldReader {
    /// `ImportBatch.add` with the reader where it is stored: `reader?.add(…)` mutates it in place,
    /// where unwrapping it into a local would copy it (its header, its errors) at every row.
    mutating func add(_ row: SourceRow, kind: ImportKind, to batch: inout ImportBatch) {
        batch.add(row, kind: kind, reader: &self)
    }
}

struct FileInfo {
    let kind: ImportKind
    let name: String
    let sha256: String
    let encoding: TextEncoding
    let rows: Int
}
