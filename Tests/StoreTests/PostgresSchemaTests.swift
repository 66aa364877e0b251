import Foundation
import OfficeTools
@testable import Store
import Testing

/// The PostgreSQL side of the store: its statements written once with `?`, its migrations.
@Suite struct PostgresSchemaTests {
    @Test func placeholdersAreNumberedOutsideQuotesAndComments() {
        #expect(PostgresSession.numbered("SELECT * FROM t WHERE a = ? AND b = '?' AND \"c?\" = ? -- why?\nLIMIT ?")
                == "SELECT * FROM t WHERE a = $1 AND b = '?' AND \"c?\" = $2 -- why?\nLIMIT $3")
        #expect(PostgresSession.numbered("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', $1")
    }

    @Test func scriptsSplitAtSemicolonsOutsideQuotesBodiesAndComments() {
        let script = """
        CREATE TABLE a (x TEXT DEFAULT ';'); -- a comment; with a semicolon
        CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no; never'; END $$;
        CREATE INDEX a_x ON a(x)
        """
        #expect(PostgresSession.statements(script) == [
            "CREATE TABLE a (x TEXT DEFAULT ';')",
            "-- a comment; with a semicolon\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no; never'; END $$",
            "CREATE INDEX a_x ON a(x)",
        ])
    }

    /// Every PostgreSQL migration is one of SQLite's, in SQLite's order, once: one schema history.
    @Test func migrationsFollowSQLitesHistory() {
        let sqlite = StoreDatabase.migrator.migrations
        let postgres = PostgresSchema.migrations.map(\.identifier)
        #expect(Set(postgres).count == postgres.count)
        #expect(postgres.allSatisfy(sqlite.contains))
        #expect(postgres == sqlite.filter(postgres.contains))
    }

    /// Several nodes start at once on a new database: one migrates, the others wait for its lock and
    /// find the schema done; each migration is recorded once.
    @Test func nodesStartingTogetherMigrateOnce() async throws {
        guard case .postgres(let address) = try StoreLocation(try await ThrowawayPostgres.shared.newDatabaseURL()) else {
            Issue.record("not a PostgreSQL URL"); return
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try StoreDatabase(postgres: address) } }
            try await group.waitForAll()
        }
        let store = try StoreDatabase(postgres: address)
        let applied: [String] = try store.session(readOnly: true) {
            try $0.column("SELECT identifier FROM gongkai_migration ORDER BY identifier")
        }
        #expect(applied == PostgresSchema.migrations.map(\.identifier).sorted())
    }

    /// A command that only reads changes nothing: it refuses a database no gongkai has set up, and
    /// opens one that is current read-only (a write through it is refused). A schema a newer gongkai
    /// migrated is refused by every open, so nodes of mixed versions never share a database.
    @Test func readOnlyOpensChangeNothingAndNewerSchemasAreRefused() async throws {
        guard case .postgres(let address) = try StoreLocation(try await ThrowawayPostgres.shared.newDatabaseURL()) else {
            Issue.record("not a PostgreSQL URL"); return
        }
        #expect { try StoreDatabase(postgres: address, access: .readOnly) } throws: { error in
            error as? StoreError == .postgresNotSetUp(address) && "\(error)".contains("还没有 gongkai 的数据表")
        }
        let writable = try StoreDatabase(postgres: address)
        let reader = try StoreDatabase(postgres: address, access: .readOnly)
        #expect(try reader.session(readOnly: true) { try $0.value("SELECT COUNT(*) FROM user_account") as Int64? } == 0)
        #expect(throws: StoreError.self) { try reader.session(readOnly: false) { try $0.execute("DELETE FROM web_session") } }

        try writable.session(readOnly: false) {
            try $0.execute("INSERT INTO gongkai_migration (identifier, applied_at) VALUES ('v99-from-the-future', 'now')")
        }
        for access in [StoreDatabase.Access.readOnly, .readWrite] {
            #expect { try StoreDatabase(postgres: address, access: access) } throws: { error in
                guard case StoreError.newerSchema(_, let unknown) = error else { return false }
                return unknown == ["v99-from-the-future"] && "\(error)".contains("更新版本的 gongkai")
            }
        }
    }

    /// A single-node job runs on one node at a time: while one node holds it, another skips; after,
    /// the other runs it. On SQLite (one serving process per file) it always runs.
    @Test func singleNodeJobsRunOnOneNodeAtATime() async throws {
        guard case .postgres(let address) = try StoreLocation(try await ThrowawayPostgres.shared.newDatabaseURL()) else {
            Issue.record("not a PostgreSQL URL"); return
        }
        let one = try StoreDatabase(postgres: address), other = try StoreDatabase(postgres: address)
        let nested: String?? = try one.alone(.complaintSweep) { try other.alone(.complaintSweep) { "both" } }
        #expect(nested == .some(nil), "the second node skipped while the first held the job")
        #expect(try other.alone(.complaintSweep) { "other" } == "other")
        struct Failure: Error {}
        #expect(throws: Failure.self) { try one.alone(.complaintSweep) { throw Failure() } }
        #expect(try other.alone(.complaintSweep) { "freed after a failure" } == "freed after a failure")
        let sqlite = try StoreDatabase()
        #expect(try sqlite.alone(.complaintSweep) { try sqlite.alone(.complaintSweep) { 1 } } == .some(1))
    }

    /// A database made by each earlier gongkai — migrated to each version in turn — is brought up to
    /// date with the same schema as a new one: tables, columns and their types, indexes, views,
    /// triggers and functions alike.
    @Test func everyEarlierVersionMigratesToTheSameSchema() async throws {
        func address() async throws -> PostgresAddress {
            guard case .postgres(let address) = try StoreLocation(try await ThrowawayPostgres.shared.newDatabaseURL()) else {
                throw StoreLocationError.malformed("not a PostgreSQL URL")
            }
            return address
        }
        func schema(_ store: StoreDatabase) throws -> [String] {
            try store.session(readOnly: true) { s in
                let columns: [String] = try s.rows("""
                    SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '') AS c
                    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name
                    """).map { $0.value("c", or: "") }
                let indexes: [String] = try s.column("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")
                let views: [String] = try s.rows("SELECT viewname || ': ' || definition AS v FROM pg_views WHERE schemaname = 'public' ORDER BY viewname")
                    .map { $0.value("v", or: "") }
                let triggers: [String] = try s.rows("""
                    SELECT event_object_table || ' ' || trigger_name || ' ' || event_manipulation || ' ' || action_statement AS t
                    FROM information_schema.triggers ORDER BY event_object_table, trigger_name, event_manipulation
                    """).map { $0.value("t", or: "") }
                let functions: [String] = try s.rows("""
                    SELECT p.proname || ': ' || md5(p.prosrc) AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' ORDER BY p.proname, md5(p.prosrc)
                    """).map { $0.value("f", or: "") }
                return columns + indexes + views + triggers + functions
            }
        }
        let fresh = try schema(try StoreDatabase(postgres: try await address()))
        #expect(fresh.count > 100)
        for count in 1..<PostgresSchema.migrations.count {
            let earlier = try await address()
            try PostgresSchema.migrate(PostgresConnections(address: earlier), count: count)
            let upgraded = try schema(try StoreDatabase(postgres: earlier))
            let version = PostgresSchema.migrations[count - 1].identifier
            #expect(upgraded == fresh, "a database made at \(version) differs once migrated: \(Set(upgraded).symmetricDifference(fresh).sorted().prefix(6))")
        }
    }
}
