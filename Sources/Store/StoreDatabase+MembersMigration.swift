import GRDB

extension StoreDatabase {
    /// Household members (家庭成员, issue 29): members.csv's rows. Keyed by ID number, so one person is
    /// a member of one household; matching joins departments' lists to them by that number. Birth
    /// dates are kept as text and day number like every date of the store.
    static func migrateMembers(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE household_member (
            id_number    TEXT PRIMARY KEY NOT NULL,
            household_id TEXT NOT NULL REFERENCES household(household_id),
            name         TEXT NOT NULL,
            relation     TEXT NOT NULL,
            birth_on     TEXT NOT NULL,
            birth_day    INTEGER NOT NULL
        );
        CREATE INDEX household_member_household ON household_member(household_id);
        """)
    }
}
