import Foundation
import GongkaiCore
import GRDB
@testable import Store
import Testing

/// The SQL each migration runs, per migration: every statement it executes on a database migrated
/// up to the one before it, in order, without the migrator's own bookkeeping (its transactions,
/// PRAGMAs, reads and the `grdb_migrations` table), which belongs to GRDB, not to the migration.
enum MigrationSQL {
    static func statements() throws -> [(identifier: String, sql: [String])] {
        let queue = try DatabaseQueue()
        let recorder = Recorder()
        queue.inDatabase { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { recorder.record(statement.sql) }
            }
        }
        var result: [(String, [String])] = []
        for identifier in StoreDatabase.migrator.migrations {
            recorder.reset()
            try StoreDatabase.migrator.migrate(queue, upTo: identifier)
            result.append((identifier, recorder.taken))
        }
        return result
    }

    /// SHA-256 of one migration's statements, one per line.
    static func digest(_ sql: [String]) -> String { Digest.sha256Hex(sql.joined(separator: "\n")) }

    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var sql: [String] = []
        func reset() { lock.withLock { sql = [] } }
        var taken: [String] { lock.withLock { sql } }
        func record(_ text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let word = trimmed.prefix { $0.isLetter }.uppercased()
            guard !["SELECT", "PRAGMA", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END"].contains(word),
                  !trimmed.contains("grdb_migrations") else { return }
            lock.withLock { sql.append(trimmed) }
        }
    }
}

/// A released migration is never redefined in place: Tests/StoreTests/released-migrations.sha256
/// records the digest of each migration that shipped, and the migrations as they stand now must
/// start with exactly those, unchanged. A change to the schema is a new migration.
///
/// At a release, append the lines this test prints for the migrations added since (it fails only
/// on a recorded migration that changed, went missing or moved).
@Suite struct MigrationHistoryTests {
    static let recordFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("released-migrations.sha256")

    /// The recorded lines: "digest  identifier", in migration order; `#` starts a comment.
    static func recorded() throws -> [(digest: String, identifier: String)] {
        try String(contentsOf: recordFile, encoding: .utf8).split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
            let fields = text.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2 else { throw InputError(file: recordFile.path, reason: "a line must be 'digest  identifier': \(text)") }
            return (String(fields[0]), String(fields[1]))
        }
    }

    @Test func releasedMigrationsAreUnchanged() throws {
        let recorded = try Self.recorded()
        let current = try MigrationSQL.statements()
        let lines = current.map { "\(MigrationSQL.digest($0.sql))  \($0.identifier)" }
        #expect(!recorded.isEmpty)
        #expect(recorded.count <= current.count, "a released migration was removed: now \(current.map(\.identifier))")
        for (index, release) in recorded.enumerated() where index < current.count {
            #expect(current[index].identifier == release.identifier,
                    "migration \(index + 1) was \(release.identifier) when released, is now \(current[index].identifier): released migrations keep their place")
            #expect(MigrationSQL.digest(current[index].sql) == release.digest,
                    "the released migration \(release.identifier) was redefined in place: add a new migration instead. It now runs:\n\(current[index].sql.joined(separator: "\n"))")
        }
        if current.count > recorded.count {
            print("Migrations not yet recorded as released (append at the release):\n" + lines[recorded.count...].joined(separator: "\n"))
        }
    }

    @Test func everyMigrationRunsSomeSQL() throws {
        for (identifier, sql) in try MigrationSQL.statements() {
            #expect(!sql.isEmpty, "\(identifier) recorded no statement: the digest would not notice a change")
        }
    }

    /// The recorder sees a change: the same migrator with one statement altered gives another digest.
    @Test func aRedefinedMigrationChangesItsDigest() throws {
        func digest(_ sql: String) throws -> String {
            var migrator = DatabaseMigrator()
            migrator.registerMigration("m") { try $0.execute(sql: sql) }
            let queue = try DatabaseQueue()
            let recorder = MigrationSQL.Recorder()
            queue.inDatabase { db in
                db.trace(options: .statement) { if case .statement(let s) = $0 { recorder.record(s.sql) } }
            }
            try migrator.migrate(queue)
            return MigrationSQL.digest(recorder.taken)
        }
        #expect(try digest("CREATE TABLE t (a TEXT)") == digest("CREATE TABLE t (a TEXT)"))
        #expect(try digest("CREATE TABLE t (a TEXT)") != digest("CREATE TABLE t (a INTEGER)"))
    }
}
