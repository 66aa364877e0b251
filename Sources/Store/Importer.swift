import Foundation
import GRDB
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
/// nothing but the import log.
public struct Importer {
    public let store: StoreDatabase
    public let clock: Clock
    /// The desk's limits on the holiday calendar: each imported complaint gets its status and
    /// conclusion deadline from the same rule the desk applies to new ones.
    public let schedule: ComplaintSchedule
    /// Seals callers' names and phones before they are written; a hotline log with callers is refused
    /// without it (they are never stored in clear).
    public let identity: CallerIdentityCipher?
    public static let errorLimit = 100

    public init(store: StoreDatabase, clock: Clock, schedule: ComplaintSchedule, identity: CallerIdentityCipher? = nil) {
        self.store = store; self.clock = clock; self.schedule = schedule; self.identity = identity
    }

    /// Finds the contract files among `paths` (files or folders).
    public static func collect(_ paths: [String]) throws(InputErrors) -> (files: [(ImportKind, URL)], warnings: [String]) {
        var files: [ImportKind: URL] = [:], warnings: [String] = [], errors: [InputError] = []
        let fm = FileManager.default
        let known = ImportKind.allCases.map(\.fileName).joined(separator: ", ")
        func add(_ url: URL, explicit: Bool) {
            guard let kind = ImportKind.allCases.first(where: { $0.fileName == url.lastPathComponent.lowercased() }) else {
                if explicit {
                    errors.append(InputError(file: url.path, reason: "unknown file name: name it one of \(known)"))
                } else if url.pathExtension.lowercased() == "csv" {
                    warnings.append("\(url.path): not a contract file name (\(known)), skipped")
                }
                return
            }
            if let other = files[kind] {
                errors.append(InputError(file: url.path, reason: "a second \(kind.fileName) (the first is \(other.path))"))
            }
            files[kind] = url
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(InputError(file: path, reason: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
                for name in names { add(URL(fileURLWithPath: path).appendingPathComponent(name), explicit: false) }
            } else {
                add(URL(fileURLWithPath: path), explicit: true)
            }
        }
        if files.isEmpty && errors.isEmpty {
            errors.append(InputError(file: paths.joined(separator: " "), reason: "no contract files found (expected \(known))"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return (ImportKind.allCases.compactMap { k in files[k].map { (k, $0) } }, warnings)
    }

    /// Reads, validates and imports the files in one transaction. Throws `InputErrors` (the first
    /// 100, with the total) and writes nothing when any row is wrong.
    public func run(paths: [String], source: String = "import") throws -> ImportSummary {
        let (found, collectWarnings) = try Self.collect(paths)
        var batch = ImportBatch(townships: schedule.townships)
        var errors: [InputError] = []
        var warnings = collectWarnings
        for (kind, url) in found {
            let name = url.lastPathComponent
            guard let data = try? Data(contentsOf: url) else {
                errors.append(InputError(file: url.path, reason: "cannot be read: check that it is a file (not a folder or a broken link) that this account may read"))
                continue
            }
            let decoded: (utf8: [UInt8], encoding: TextEncoding)
            let table: CSVTable
            do {
                decoded = try TextDecoding.decode(data)
                table = try CSVTable(utf8: decoded.utf8)
            } catch let failure as TextDecoding.Failure {
                errors.append(InputError(file: name, line: failure.line, reason: failure.description))
                continue
            } catch let failure as CSVTable.Failure {
                errors.append(InputError(file: name, line: failure.line, reason: failure.description))
                continue
            }
            let header: ResolvedHeader
            do { header = try ResolvedHeader(table, kind: kind, file: name) } catch {
                errors.append(contentsOf: error.errors)
                continue
            }
            for column in header.ignored {
                warnings.append("\(name): column '\(column)' is not in the contract and is ignored")
            }
            let info = FileInfo(kind: kind, name: name, sha256: Digest.sha256Hex(data), encoding: decoded.encoding,
                                rows: table.rows.count)
            errors += batch.parse(table, header: header, info: info)
        }
        return try store.write { db in
            let townships = try batch.householdTownships(in: db)
            errors += try batch.validate(against: db, households: townships)
            guard errors.isEmpty else {
                // In the order a person fixes them: file by file (import order), line by line.
                let order = Dictionary(found.enumerated().map { ($1.1.lastPathComponent, $0) }, uniquingKeysWith: min)
                let sorted = errors.enumerated().sorted {
                    let a = $0.element, b = $1.element
                    return (order[a.file] ?? -1, a.line ?? 0, $0.offset) < (order[b.file] ?? -1, b.line ?? 0, $1.offset)
                }.map(\.element)
                throw InputErrors(Array(sorted.prefix(Self.errorLimit)), totalCount: errors.count)
            }
            var uncovered = 0
            for i in batch.complaints.indices {
                let c = batch.complaints[i]
                batch.complaints[i].schedule = schedule.historical(type: c.type, receivedOn: c.receivedDate, closedOn: c.closedDate)
                if batch.complaints[i].schedule?.dueOn == nil { uncovered += 1 }
                if c.hasCaller {
                    guard let identity else { throw CallerIdentityKeyMissing(purpose: "store the callers' names and phones of complaints.csv") }
                    batch.complaints[i].sealedCaller = SealedCaller(name: c.callerName, phone: c.callerPhone, cipher: identity)
                }
            }
            if uncovered > 0 {
                warnings.append("complaints.csv: \(uncovered) complaints have no conclusion deadline because no holiday calendar covers it: add the year's file to templates/calendar/ and import again")
            }
            batch.fillTownships(townships)
            let results = try batch.write(db)
            try ImportLog.record(results, source: source, at: clock.now(), in: db)
            return ImportSummary(files: results, warnings: warnings)
        }
    }
}

struct FileInfo {
    let kind: ImportKind
    let name: String
    let sha256: String
    let encoding: TextEncoding
    let rows: Int
}
