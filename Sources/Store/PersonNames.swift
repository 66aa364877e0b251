import GRDB

/// Names of people the store knows, for the publication guard. Callers, staff and desk handlers are
/// never published on any channel (the evaluation report gives staff counts, never names); household
/// heads are published in full only on the print channel (village boards), masked on the web. None
/// may otherwise appear in any public file — in a notice, a service note, a village name or a reason.
/// Where heads are shown, a caller or staff member who shares a head's name cannot be told apart from
/// that head, so the shared name is not looked for (the odd-district soak found 王芳 as both).
public enum PersonNames {
    public static func all(in store: StoreDatabase, includingHouseholdHeads: Bool) throws -> Set<String> {
        try store.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT caller_name FROM complaint WHERE caller_name IS NOT NULL
                UNION SELECT name FROM staff
                UNION SELECT handler FROM complaint_event
                """ + (includingHouseholdHeads ? " UNION SELECT head_name FROM household" : " EXCEPT SELECT head_name FROM household")))
        }
    }
}
