import GongkaiCore

/// Names of people and places the store knows, for the publication guard. Callers, staff and desk
/// handlers are never published on any channel (the evaluation report gives staff counts, never
/// names); household heads are published in full only on the print channel (village boards), in their
/// own column, masked on the web. None may otherwise appear in any public file — in a notice, a service
/// note, a village name or a reason. Villages are places, whose names are public.
public enum PersonNames {
    public struct People: Sendable, Equatable {
        public let heads: Set<String>
        /// Household members (家庭成员): never published on any channel.
        public let members: Set<String>
        public let callers: Set<String>
        /// Staff and everyone who recorded a step at the desk.
        public let staff: Set<String>

        public init(heads: Set<String>, members: Set<String> = [], callers: Set<String>, staff: Set<String>) {
            self.heads = heads; self.members = members; self.callers = callers; self.staff = staff
        }
    }

    /// Callers' names are stored sealed: `identity` opens them (a store with sealed callers and no key
    /// is refused, never checked without them).
    public static func people(in store: StoreDatabase, identity: CallerIdentityCipher?) throws -> People {
        let callers = try store.callerNames(opening: identity)
        return try store.session(readOnly: true) { session in
            People(heads: Set(try session.column("SELECT head_name FROM household")),
                   members: Set(try session.column("SELECT name FROM household_member")),
                   callers: callers,
                   staff: Set(try session.column("SELECT name FROM staff UNION SELECT handler FROM complaint_event")))
        }
    }

    /// The villages (村/社区) that at least `households` households name. A village is typed by a clerk:
    /// one that a single household names may be a person's name planted in the field (王小二家村), and
    /// is not trusted as a place; a real village is home to several households.
    public static func villages(in store: StoreDatabase, namedByAtLeast households: Int = 3) throws -> Set<String> {
        try store.session(readOnly: true) { session in
            Set(try session.column("SELECT village FROM household GROUP BY village HAVING COUNT(*) >= ?", households))
        }
    }
}
