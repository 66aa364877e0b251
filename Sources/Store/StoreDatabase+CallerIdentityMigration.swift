import GRDB

extension StoreDatabase {
    /// Callers' names and phones are stored sealed (`CallerIdentityCipher`): this adds the phone's
    /// keyed digest, for finding a caller's other complaints, and the table that remembers which key
    /// sealed them. Rows a database holds in clear from before are sealed by `bindCallerIdentity`,
    /// the first time a command that has the key opens it for writing.
    static func migrateCallerIdentity(_ db: Database) throws {
        try db.execute(sql: """
        ALTER TABLE complaint ADD COLUMN caller_phone_digest TEXT;
        CREATE INDEX complaint_caller_phone ON complaint(caller_phone_digest, received_day);
        CREATE TABLE sealing_key (
            purpose     TEXT PRIMARY KEY,    -- caller_identity
            fingerprint TEXT NOT NULL        -- CallerIdentityCipher.fingerprint
        );
        """)
    }
}
