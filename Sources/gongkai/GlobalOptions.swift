import ArgumentParser
import Store
import Foundation
import GongkaiCore

/// Where the database and templates are. Flags win over the environment, which wins over defaults,
/// so a desk PC can set GONGKAI_DB once and scripts can still point elsewhere.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("""
        数据库：SQLite 数据库文件的路径，或 PostgreSQL 数据库的网址 postgresql://用户[:密码]@主机[:端口]/库名 \
        （套接字：postgresql://用户@/库名?host=/套接字文件夹；密码也可放在环境变量 PGPASSWORD）。\
        否则取环境变量 GONGKAI_DB，再否则 ./gongkai.sqlite。
        """, valueName: "路径或网址"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("模板文件夹（否则取环境变量 GONGKAI_TEMPLATES，再否则 ./templates，再否则安装位置 PREFIX/share/gongkai/templates）。", valueName: "文件夹"))
    var templates: String?

    /// What `--db` or `$GONGKAI_DB` says, as given: an SQLite file's path or a PostgreSQL URL.
    var databaseText: String {
        db ?? ProcessInfo.processInfo.environment["GONGKAI_DB"] ?? "gongkai.sqlite"
    }

    /// The store `databaseText` names; a URL that cannot be used is refused in one sentence that
    /// names it with its password hidden.
    func storeLocation() throws -> StoreLocation {
        do { return try StoreLocation(databaseText) } catch { throw CommandFailure(error.description) }
    }

    /// The SQLite file, nil when the store is a PostgreSQL database.
    var databaseFile: String? {
        if case .sqlite(let path)? = try? storeLocation() { path } else { nil }
    }

    /// The store as a message names it: the SQLite file's path, or the PostgreSQL database with its
    /// host (or socket) and user, never the password.
    var databaseName: String {
        switch try? storeLocation() {
        case .sqlite(let path)?: path
        case .postgres(let address)?: address.description
        case nil: "（无法识别的 --db 网址）"
        }
    }

    /// Where `databaseText` came from, as a message names it.
    var databaseSource: String { db == nil && ProcessInfo.processInfo.environment["GONGKAI_DB"] != nil ? "环境变量 GONGKAI_DB" : "--db" }

    var templatesPath: String {
        templates ?? ProcessInfo.processInfo.environment["GONGKAI_TEMPLATES"]
            ?? TemplateFile.defaultFolder(executable: Bundle.main.executableURL)
    }

    /// `GONGKAI_NOW` when set, else the system clock. `validate()` has refused a malformed or
    /// out-of-range `GONGKAI_NOW` before any command runs, so the fallback here is never taken.
    var clock: Clock { (try? Clock.fromEnvironment()) ?? .system }

    func validate() throws {
        do { _ = try Clock.fromEnvironment() } catch { throw ValidationError(error.description) }
    }
}

/// A month given as a flag, refused with its reason: not YYYY-MM, or a year outside the years
/// gongkai supports (1949–2100).
func parseMonth(_ text: String, flag: String = "--month") throws -> YearMonth {
    switch YearMonth.parse(text) {
    case .success(let month): return month
    case .failure(.yearOutOfRange(let year)):
        throw ValidationError("\(flag) \(text) 的年份 \(year) 超出范围：gongkai 只支持 \(CivilDate.supportedYears.lowerBound)–\(CivilDate.supportedYears.upperBound) 年")
    case .failure: throw ValidationError("\(flag) 须为 YYYY-MM 格式，如 2026-10（而不是 '\(text)'）")
    }
}

/// Prints to standard error: progress and warnings never mix with data a script may be reading.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Progress lines only when a person is watching (standard error is a terminal).
let progressEnabled = isatty(STDERR_FILENO) != 0

func progress(_ text: String) {
    if progressEnabled { printError(text) }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// The formats of the listings staff also open in Excel or WPS: an .xlsx is written to `--out`.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx
}

/// Checks that `--out` is given exactly when the format is xlsx (a workbook is not printed).
func validateSpreadsheetOutput(_ format: ListingFormat, _ out: String?) throws {
    if format == .xlsx && out == nil { throw ValidationError("--format xlsx 写入文件：请用 --out FILE.xlsx 指定") }
    if format != .xlsx && out != nil { throw ValidationError("--out 只用于 --format xlsx；其他格式输出到标准输出") }
}

extension GlobalOptions {
    /// Opens the store. Only `import` and `demo` create an SQLite file (`.create`); the others refuse
    /// a path that does not exist, and commands that only read open it `.readOnly`, so they work on a
    /// read-only file and cannot change it. A PostgreSQL database is made by its administrator and
    /// brought up to date by any command that writes; one that only reads changes nothing.
    func openStore(_ access: StoreDatabase.Access = .create) throws -> StoreDatabase {
        switch try storeLocation() {
        case .sqlite(let path): try StoreDatabase(path: path, access: access)
        case .postgres(let address): try StoreDatabase(postgres: address, access: access)
        }
    }
}

/// A failure already explained to the user: ArgumentParser prints it as "Error: …" and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
