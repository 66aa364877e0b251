import GRDB

/// Names of people the store knows, for the publication guard: household heads, hotline callers,
/// staff and desk handlers (the evaluation report publishes staff counts, never names). On the web channel none may
/// appear unmasked in any public file — in a notice, a service note, a village name or a reason.
public enum PersonNames {
    public static func all(in store: StoreDatabase) throws -> Set<String> {
        try store.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT head_name FROM household
                UNION SELECT caller_name FROM complaint WHERE caller_name IS NOT NULL
                UNION SELECT name FROM staff
                UNION SELECT handler FROM complaint_event
                """))
        }
    }
}
