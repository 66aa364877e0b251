import DemoData
import Foundation
import GRDB
import GongkaiCore
import Testing
@testable import Store

/// A seeded mutation fuzzer of the importer. Each case takes the contract's seven small valid files
/// (Fixtures.contract), applies one to three field-level or byte-level mutations, and imports the
/// result through the real Importer into a store already holding the valid set. Whatever the
/// mutant, the import must not trap, and either
/// - it is refused: at least one error, every error with a file and a line ≥ 1 and no control
///   character in its text, and the store byte for byte as before (every table's rows) and sound
///   (`PRAGMA integrity_check`); or
/// - it is accepted: the store is sound, holds no refused character, and importing the same files
///   again changes nothing.
///
/// `GONGKAI_FUZZ_CASES` sets the number of cases (default 200), `GONGKAI_FUZZ_SEED` the first seed
/// (default 1); case n uses seed + n, so one case replays with its seed and CASES=1. A case's
/// files are written to $TMPDIR/gongkai-fuzz-<seed>/ and removed after it: if a mutant traps,
/// that folder is left behind holding the very files.
@Suite struct ImportFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = environment["GONGKAI_FUZZ_CASES"].flatMap { Int($0) } ?? 200
    static let firstSeed = environment["GONGKAI_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1
    /// The valid files every case's store starts from, written once per run.
    static let validSet = try! Fixtures.folder(Fixtures.contract)

    @Test func mutatedExportsAreImportedOrRefusedLocatedLeavingTheStoreUnchanged() throws {
        var tally = (accepted: 0, refused: 0, located: 0, unchanged: 0)
        var failures = 0
        defer { try? FileManager.default.removeItem(at: Self.validSet) }
        for n in 0..<Self.cases {
            let seed = Self.firstSeed &+ UInt64(n)
            let mutant = Mutant(seed: seed)
            let problems = try check(mutant, tally: &tally)
            for problem in problems {
                failures += 1
                if failures <= 20 { Issue.record("seed \(seed) \(mutant.mutations): \(problem)") }
            }
        }
        print("ImportFuzzTests: \(Self.cases) cases, \(tally.accepted) accepted, \(tally.refused) refused, "
              + "\(tally.located) located, \(tally.unchanged) left the store unchanged, \(failures) failures "
              + "(seeds \(Self.firstSeed)…\(Self.firstSeed &+ UInt64(max(0, Self.cases - 1))))")
        #expect(tally.accepted + tally.refused == Self.cases)
        #expect(tally.located == tally.refused && tally.unchanged == tally.refused)
    }

    /// Imports one mutant into a store holding the valid set; what went wrong, if anything.
    func check(_ mutant: Mutant, tally: inout (accepted: Int, refused: Int, located: Int, unchanged: Int)) throws -> [String] {
        let store = try StoreDatabase()
        _ = try Fixtures.importer(store).run(paths: [Self.validSet.path])
        let before = try StoreDigest(store)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-fuzz-\(mutant.seed)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, bytes) in mutant.files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }

        var problems: [String] = []
        do {
            _ = try Fixtures.importer(store).run(paths: [dir.path])
            tally.accepted += 1
            let after = try StoreDigest(store)
            if after.integrity != "ok" { problems.append("accepted, then integrity_check says \(after.integrity)") }
            if let bad = after.refusedText { problems.append("accepted, and the store now holds \(bad)") }
            problems += try reimportChangesNothing(dir, into: store, after: after)
        } catch let refusal as InputErrors {
            tally.refused += 1
            let unlocated = refusal.errors.filter { $0.file.isEmpty || ($0.line ?? 0) < 1 }
            if !refusal.errors.isEmpty && unlocated.isEmpty { tally.located += 1 }
            if refusal.errors.isEmpty { problems.append("refused with no error") }
            problems += unlocated.map { "error without a file and line: \($0)" }
            problems += refusal.errors.filter { StoreDigest.holdsRefusedCharacter($0.description, multiline: false) }
                .map { "error text holds a control character: \($0.description.debugDescription)" }
            let after = try StoreDigest(store)
            if after == before { tally.unchanged += 1 } else { problems.append("refused, yet the store changed") }
            if after.integrity != "ok" { problems.append("refused, then integrity_check says \(after.integrity)") }
        } catch {
            problems.append("failed with \(type(of: error)), not InputErrors: \(error)")
        }
        return problems
    }

    /// Importing accepted files a second time must change no data: the importer is idempotent.
    func reimportChangesNothing(_ dir: URL, into store: StoreDatabase, after first: StoreDigest) throws -> [String] {
        do {
            let again = try Fixtures.importer(store).run(paths: [dir.path])
            let now = try StoreDigest(store)
            let same = again.files.allSatisfy { $0.inserted == 0 && $0.updated == 0 } && now.data == first.data
            return same ? [] : ["importing the accepted files again changed the store"]
        } catch {
            return ["importing the accepted files again failed: \(error)"]
        }
    }
}

/// Every table's rows (by SHA-256 of their text, in rowid order) and PRAGMA integrity_check.
struct StoreDigest: Equatable {
    /// The tables of imported data, apart from the import log that every accepted import extends.
    let data: [String: String]
    let log: [String: String]
    let integrity: String
    /// A stored text holding a character the import refuses (a multi-line summary may hold LF).
    let refusedText: String?

    /// Control characters (general category Cc) but TAB, LF and CR where lines are allowed, the line
    /// and paragraph separators and U+FEFF: said here from Unicode's categories, apart from the
    /// importer's own check, so that a fault in that check cannot hide itself.
    static func holdsRefusedCharacter(_ text: String, multiline: Bool) -> Bool {
        text.unicodeScalars.contains { s in
            switch s.properties.generalCategory {
            case .control: !(multiline && (s == "\t" || s == "\n" || s == "\r"))
            case .lineSeparator, .paragraphSeparator: true
            default: s.value == 0xFEFF
            }
        }
    }

    init(_ store: StoreDatabase) throws {
        let read = try store.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            var data: [String: String] = [:], log: [String: String] = [:], refused: String?
            for table in tables {
                // A WITHOUT ROWID table (FTS5's _config and _idx behind complaint_search) has no
                // rowid: its primary key orders it.
                let withoutRowid = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table])?
                    .uppercased().contains("WITHOUT ROWID") ?? false
                let order = try withoutRowid
                    ? String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [table])
                        .map { "\"\($0)\"" }.joined(separator: ", ")
                    : "rowid"
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY \(order)")
                for row in rows where refused == nil {
                    for case .string(let text) in row.databaseValues.map(\.storage)
                    where Self.holdsRefusedCharacter(text, multiline: true) {
                        refused = "\(text.debugDescription) in \(table)"
                    }
                }
                let digest = Digest.sha256Hex(Data(rows.map(\.description).joined(separator: "\n").utf8))
                if table.hasPrefix("import_") { log[table] = digest } else { data[table] = digest }
            }
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            return (data, log, integrity, refused)
        }
        data = read.0; log = read.1; integrity = read.2; refusedText = read.3
    }
}

/// One case: the valid files after one to three mutations, and what was done to them.
struct Mutant {
    let seed: UInt64
    private(set) var files: [String: [UInt8]] = [:]
    private(set) var mutations: [String] = []

    init(seed: UInt64) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        var tables = Fixtures.contract.mapValues { text -> [[String]] in
            guard let table = try? CSVTable(utf8: Array(text.utf8)) else { return [] }
            return [table.header] + table.rows.map(\.fields)
        }
        let names = tables.keys.sorted()
        // Some cases import a few of the files only (the store already holds the rest).
        if rng.chance(0.3) {
            let keep = Set((0..<rng.int(1...3)).map { _ in rng.pick(names) })
            tables = tables.filter { keep.contains($0.key) }
        }
        let mutated = tables.keys.sorted()
        var fieldCount = rng.int(0...2)
        let byteCount = fieldCount == 0 ? rng.int(1...2) : rng.int(0...1)
        while fieldCount > 0 {
            let name = rng.pick(mutated)
            if let table = tables[name], let mutation = Self.mutateFields(table, &rng) {
                tables[name] = mutation.table
                mutations.append("\(name): \(mutation.what)")
            }
            fieldCount -= 1
        }
        files = tables.mapValues { Array(Self.csv($0).utf8) }
        for _ in 0..<byteCount {
            let name = rng.pick(mutated)
            let (changed, what) = Self.mutateBytes(files[name] ?? [], &rng)
            files[name] = changed
            mutations.append("\(name): \(what)")
        }
    }

    /// RFC 4180 text of rows, quoting where needed, LF line ends.
    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// Values a clerk, a spreadsheet or a damaged export may put in any cell.
    static let oddValues = [
        "", "　", "-1", "-0.01", "0", "+3", "31", "99999999999999999999", "9223372036854775808", "1e5", "NaN",
        "0999-01-01", "0001-01-01", "1948-12-31", "2101-01-01", "9999-12-31", "2026-02-29", "2026-02-30", "2026-13-01",
        "0999-03-02 09:15", "2101-01-01 00:00", "1949-01-01 00:00", "2026-03-02 24:00", "0999-10", "2101-01", "2026-13", "2026-00",
        "未知", "xyz", "H999", "|", "||", "TS-202603-99999999999999999999", "TS-202603-0001", "TS-202603-", "640402198001010018",
        "4.10182E+17", "１２３", "６４０４０２１９８００１０１００１７", "10000000.01", "1,234.567", "12,34",
        String(repeating: "测", count: 20_000), "\"quoted\"", "a\"b",
    ]
    static let controlCharacters = ["\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\t", "\n", "\r", "\r\n"]

    /// One field-level mutation of a table (header first), or nil when it has nothing to mutate.
    static func mutateFields(_ table: [[String]], _ rng: inout SplitMix64) -> (table: [[String]], what: String)? {
        let row = table.count > 1 ? rng.int(1...(table.count - 1)) : 0
        // Earlier mutations may have left rows of other lengths: pick a cell this row has.
        guard table.indices.contains(row), !table[row].isEmpty, let header = table.first, !header.isEmpty else { return nil }
        var t = table
        let column = rng.int(0...(min(header.count, t[row].count) - 1))
        switch rng.int(0...9) {
        case 0...2:
            let value = rng.pick(oddValues)
            t[row][column] = value
            return (t, "row \(row) column \(column) = \(value.prefix(40).debugDescription)")
        case 3:
            let c = rng.pick(controlCharacters)
            let cell = t[row][column]
            let at = rng.int(0...cell.count)
            t[row][column] = String(cell.prefix(at)) + c + String(cell.dropFirst(at))
            return (t, "row \(row) column \(column): \(c.debugDescription) at \(at)")
        case 4:
            t[row][column] = String(String.UnicodeScalarView(t[row][column].unicodeScalars.map {
                (0x21...0x7E).contains($0.value) ? Unicode.Scalar($0.value + 0xFEE0) ?? $0 : $0
            }))
            return (t, "row \(row) column \(column) full-width")
        case 5:
            t.insert(t[row], at: row)
            return (t, "row \(row) twice")
        case 6:
            if rng.chance(0.5) || t[row].count == 1 { t[row].append("extra") } else { t[row].removeLast() }
            return (t, "row \(row) with \(t[row].count) cells")
        case 7:
            if rng.chance(0.5) {
                for i in t.indices where t[i].indices.contains(column) { t[i].remove(at: column) }
                return (t, "column \(column) removed")
            }
            for i in t.indices where column <= t[i].count { t[i].insert(i == 0 ? "备注" : "x", at: column) }
            return (t, "column 备注 inserted at \(column)")
        case 8:
            let other = rng.int(0...(header.count - 1))
            for i in t.indices where t[i].indices.contains(column) && t[i].indices.contains(other) { t[i].swapAt(column, other) }
            return (t, "columns \(column) and \(other) swapped")
        default:
            t[0][column] = rng.pick([header[column].uppercased(), " \(header[column]) ", header[column] + "x", ""])
            return (t, "header \(column) = \(t[0][column].debugDescription)")
        }
    }

    /// One byte-level mutation of a file's bytes.
    static func mutateBytes(_ bytes: [UInt8], _ rng: inout SplitMix64) -> ([UInt8], String) {
        var b = bytes
        let at = rng.int(0...b.count)
        func text() -> String { String(decoding: bytes, as: UTF8.self) }
        switch rng.int(0...13) {
        case 0 where !b.isEmpty:
            let i = min(at, b.count - 1), bit = rng.int(0...7)
            b[i] ^= UInt8(1 << bit)
            return (b, "bit \(bit) of byte \(i) flipped")
        case 1:
            let byte = UInt8(rng.int(0...255))
            b.insert(byte, at: at)
            return (b, "byte \(byte) inserted at \(at)")
        case 2 where !b.isEmpty:
            let i = min(at, b.count - 1)
            b.remove(at: i)
            return (b, "byte \(i) deleted")
        case 3:
            let inserted = rng.pick([[0], [0x0D], [0x0A], [0x22], [0xEF, 0xBB, 0xBF], [0xC2, 0x85], [0xE2, 0x80, 0xA8]] as [[UInt8]])
            b.insert(contentsOf: inserted, at: at)
            return (b, "\(inserted) inserted at \(at)")
        case 4:
            return (Array(b.prefix(at)), "truncated to \(at) bytes")
        case 5 where !b.isEmpty:
            let start = min(at, b.count - 1), end = rng.int(start...b.count)
            b.insert(contentsOf: b[start..<end], at: end)
            return (b, "bytes \(start)..<\(end) repeated")
        case 6:
            let encoding = rng.pick([WideEncoding.utf16LE, .utf16BE, .utf32LE, .utf32BE]), bom = rng.chance(0.5)
            return (Fixtures.wide(text(), encoding, bom: bom), "re-encoded as \(encoding.rawValue)\(bom ? " with BOM" : "")")
        case 7:
            return (TextDecoding.gb18030(text()) ?? b, "re-encoded as GB18030")
        case 8:
            return ([0xEF, 0xBB, 0xBF] + b, "BOM prefixed")
        case 9:
            let ending = rng.pick(["\r", "\r\n"])
            return (Array(text().replacingOccurrences(of: "\n", with: ending).utf8), "line ends \(ending.debugDescription)")
        case 10:
            let delimiter = rng.pick([";", "\t", "|"])
            return (Array(text().replacingOccurrences(of: ",", with: delimiter).utf8), "delimiter \(delimiter.debugDescription)")
        case 11:
            let empty = rng.pick([[], [0xEF, 0xBB, 0xBF], [0x0A, 0x0D, 0x0A], [0x20]] as [[UInt8]])
            return (empty, "replaced by \(empty)")
        case 12:
            // Two exports joined: the second one's BOM and header land in the middle.
            return (b + [0xEF, 0xBB, 0xBF] + b, "file appended to itself with a BOM")
        default:
            let i = min(at, max(0, b.count - 1))
            let bad = rng.pick([[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0x81, 0x20], [0xF8, 0x88, 0x80, 0x80]] as [[UInt8]])
            b.insert(contentsOf: bad, at: i)
            return (b, "invalid sequence \(bad) at \(i)")
        }
    }
}
