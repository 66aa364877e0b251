import GRDB
import GongkaiCore

/// Names of people the store knows, for the publication guard. Callers, staff and desk handlers are
/// never published on any channel (the evaluation report gives staff counts, never names); household
/// heads are published in full only on the print channel (village boards), masked on the web. None
/// may otherwise appear in any public file — in a notice, a service note, a village name or a reason.
/// Where heads are shown, a caller or staff member who shares a head's name cannot be told apart from
/// that head, so the shared name is not looked for (the odd-district soak found 王芳 as both).
public enum PersonNames {
    /// Callers' names are stored sealed: `identity` opens them (a store with sealed callers and no key
    /// is refused, never checked without them).
    public static func all(in store: StoreDatabase, includingHouseholdHeads: Bool,
                           identity: CallerIdentityCipher?) throws -> Set<String> {
        let callers = try store.callerNames(opening: identity)
        return try store.read { db in
            let others = Set(try String.fetchAll(db, sql: "SELECT name FROM staff UNION SELECT handler FROM complaint_event"))
            let heads = Set(try String.fetchAll(db, sql: "SELECT head_name FROM household"))
            return includingHouseholdHeads ? callers.union(others).union(heads) : callers.union(others).subtracting(heads)
        }
    }
}
