import Foundation

/// The store's schema on PostgreSQL: the same migration identifiers as SQLite's (StoreDatabase+
/// Migrations), each written for PostgreSQL, applied in order and recorded in `gongkai_migration`.
///
/// Each domain keeps its migrations in its own file (PostgresSchema+Core, +Accounts, …); `migrations`
/// puts them in the SQLite migrator's order, so a database migrated by either follows one history.
/// Types follow one rule so statements read back the same values as on SQLite: integers and flags are BIGINT, times
/// are UTC ISO 8601 TEXT, ids are identity columns. Append-only tables are enforced by triggers that
/// refuse UPDATE, DELETE and TRUNCATE, as SQLite's RAISE(ABORT) triggers refuse UPDATE and DELETE.
enum PostgresSchema {
    /// One schema version: the SQLite migration's identifier and its PostgreSQL script, and for a
    /// version that derives rows from stored ones, the same work SQLite's migration does after its SQL.
    struct Migration: Sendable {
        let identifier: String
        let sql: String
        let fill: (@Sendable (any SQLSession) throws -> Void)?
        init(_ identifier: String, _ sql: String, fill: (@Sendable (any SQLSession) throws -> Void)? = nil) {
            self.identifier = identifier; self.sql = sql; self.fill = fill
        }
    }

    /// Every domain's migrations, in the order SQLite's migrator applies the same identifiers. Never
    /// edit one once released: add the next.
    static let migrations: [Migration] = {
        let order = StoreDatabase.migrator.migrations
        let position = { (m: Migration) in order.firstIndex(of: m.identifier) ?? order.count }
        return (core + accounts + desk + indicators + matching).sorted { position($0) < position($1) }
    }()

    /// A constant key for the advisory lock that lets one node migrate while others wait.
    static let migrationLock: Int64 = 0x676F_6E67_6B61_6901

    /// Applies the migrations not yet recorded, each with its record, in one transaction; only the
    /// first `count` of them when given (the tests' databases "made by an earlier gongkai").
    static func migrate(_ connections: PostgresConnections, count: Int? = nil) throws {
        try connections.transaction(readOnly: false) { session in
            try session.execute("SELECT pg_advisory_xact_lock(?)", migrationLock)
            try session.execute("CREATE TABLE IF NOT EXISTS gongkai_migration (identifier TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            let applied = Set(try session.column("SELECT identifier FROM gongkai_migration") as [String])
            try refuseNewer(applied, connections.address)
            for migration in migrations.prefix(count ?? migrations.count) where !applied.contains(migration.identifier) {
                try session.script(migration.sql)
                try migration.fill?(session)
                try session.execute("INSERT INTO gongkai_migration (identifier, applied_at) VALUES (?, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
                                    migration.identifier)
            }
        }
    }

    /// For a store opened only to read: the schema must be exactly this gongkai's, since reading
    /// changes nothing (an empty or older database is said as SQLite's read-only open says it).
    static func requireCurrent(_ connections: PostgresConnections) throws {
        let address = connections.address
        try connections.transaction(readOnly: true) { session in
            let recorded: String? = try session.value("SELECT CAST(to_regclass('gongkai_migration') AS TEXT)")
            guard recorded != nil else { throw StoreError.postgresNotSetUp(address) }
            let applied = Set(try session.column("SELECT identifier FROM gongkai_migration") as [String])
            try refuseNewer(applied, address)
            if applied.isEmpty { throw StoreError.postgresNotSetUp(address) }
            if !migrations.allSatisfy({ applied.contains($0.identifier) }) { throw StoreError.outdated(address.description) }
        }
    }

    /// A migration this gongkai does not know was applied by a newer one: its code may rely on
    /// schema this version would misread, so neither nodes of mixed versions nor an old command run.
    private static func refuseNewer(_ applied: Set<String>, _ address: PostgresAddress) throws {
        let known = Set(StoreDatabase.migrator.migrations)
        let unknown = applied.subtracting(known).sorted()
        if !unknown.isEmpty { throw StoreError.newerSchema(address.description, unknown: unknown) }
    }
}
