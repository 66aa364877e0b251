import ArgumentParser
import Store
import Foundation
import GongkaiCore

/// Where the database and templates are. Flags win over the environment, which wins over defaults,
/// so a desk PC can set GONGKAI_DB once and scripts can still point elsewhere.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (else $GONGKAI_DB, else ./gongkai.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The templates folder (else $GONGKAI_TEMPLATES, else ./templates).", valueName: "dir"))
    var templates: String?

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["GONGKAI_DB"] ?? "gongkai.sqlite"
    }

    var templatesPath: String {
        templates ?? ProcessInfo.processInfo.environment["GONGKAI_TEMPLATES"] ?? "templates"
    }

    var clock: Clock { Clock.fromEnvironment() }
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

extension GlobalOptions {
    /// Opens the store; with `existing`, refuses to create a new empty file (a typo in --db should
    /// not silently report an empty store).
    func openStore(existing: Bool = false) throws -> StoreDatabase {
        if existing && !FileManager.default.fileExists(atPath: databasePath) {
            throw ValidationError("no database at \(databasePath): import data first (gongkai import PATH, or gongkai demo), or pass --db")
        }
        return try StoreDatabase(path: databasePath)
    }
}

/// A failure already explained to the user: ArgumentParser prints it as "Error: …" and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
