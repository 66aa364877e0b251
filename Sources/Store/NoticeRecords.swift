import GongkaiCore

/// The rows a public notice may be built from (docs/domain.md §1b): township, village, the household
/// head's name, persons covered, category, amount and (临时救助) the coarse reason. The queries select
/// nothing else, so ID numbers, phones, addresses and exit reasons cannot reach a notice.
///
/// Names are still unmasked here: the publication's public view masks them per channel.
public enum NoticeRecords {
    public struct Recipient: Sendable, Equatable {
        /// The 户编号, never published: it locates a refused value for the office.
        public let householdId: String
        public let township: String
        public let village: String
        public let headName: String
        public let persons: Int
        public let category: String?
        public let amount: Money
        public let reason: String?
    }

    /// A household whose payment changed between the previous month and this one.
    public struct Adjustment: Sendable, Equatable {
        public let householdId: String
        public let township: String
        public let village: String
        public let headName: String
        public let persons: Int
        public let before: Money
        public let after: Money
    }

    private static let columns = """
        h.household_id AS household_id, h.township AS township, h.village AS village, h.head_name AS head_name, e.covered_persons AS covered_persons,
        e.category AS category, e.amount_fen AS amount_fen, e.reason AS reason
        FROM enrolment_months e JOIN household h ON h.household_id = e.household_id
        """

    /// The recipients of the enrolments `condition` selects, ordered by place and household (with the
    /// enrolment's start, so the order is total even for a household enrolled twice).
    private static func recipients(_ store: StoreDatabase, where condition: String, _ arguments: any SQLArgument...) throws -> [Recipient] {
        try store.session(readOnly: true) { session in
            try session.rows("SELECT \(columns) WHERE \(condition) ORDER BY h.township, h.village, h.household_id, e.start_month_index",
                             arguments.map(\.sqlValue)).map(Recipient.init)
        }
    }

    /// Enrolments of the programme active in the month (a one-off counts in its start month only).
    public static func active(_ programme: Programme, month: YearMonth, in store: StoreDatabase) throws -> [Recipient] {
        try recipients(store, where: "e.programme = ? AND e.start_month_index <= ? AND e.end_month_index > ?",
                       programme.code, month.index, month.index)
    }

    /// Enrolments starting in the month (本月新增).
    public static func started(_ programme: Programme, month: YearMonth, in store: StoreDatabase) throws -> [Recipient] {
        try recipients(store, where: "e.programme = ? AND e.start_month_index = ?", programme.code, month.index)
    }

    /// Enrolments whose first unpaid month is this month (本月停发).
    public static func stopped(_ programme: Programme, month: YearMonth, in store: StoreDatabase) throws -> [Recipient] {
        try recipients(store, where: "e.programme = ? AND e.stop_month_index = ?", programme.code, month.index)
    }

    /// Households paid in both months with different amounts (金额调整).
    public static func adjusted(_ programme: Programme, month: YearMonth, in store: StoreDatabase) throws -> [Adjustment] {
        try store.session(readOnly: true) { session in
            // Persons from the enrolment the payment belongs to; 0 when no enrolment has started by then.
            try session.rows("""
                SELECT h.household_id AS household_id, h.township AS township, h.village AS village, h.head_name AS head_name,
                       COALESCE((SELECT e.covered_persons FROM enrolment e WHERE e.household_id = p.household_id
                                   AND e.programme = p.programme AND e.start_month_index <= p.month_index
                                 ORDER BY e.start_month_index DESC LIMIT 1), 0) AS covered_persons,
                       q.amount_fen AS before_fen, p.amount_fen AS after_fen
                FROM payment p
                JOIN payment q ON q.household_id = p.household_id AND q.programme = p.programme AND q.month_index = p.month_index - 1
                JOIN household h ON h.household_id = p.household_id
                WHERE p.programme = ? AND p.month_index = ? AND p.amount_fen <> q.amount_fen
                ORDER BY h.township, h.village, h.household_id
                """, programme.code, month.index).map(Adjustment.init)
        }
    }

    /// Programmes with at least one recipient in the month, in programme order.
    public static func programmesWithRecipients(month: YearMonth, in store: StoreDatabase) throws -> [Programme] {
        try store.session(readOnly: true) { session in
            let codes = Set(try session.column("""
                SELECT DISTINCT programme FROM enrolment_months WHERE start_month_index <= ? AND end_month_index > ?
                """, month.index, month.index) as [String])
            return Programme.allCases.filter { codes.contains($0.code) }
        }
    }
}

// Rows decode by column name and throw `StoredRecordDamage` (never trap) on a NULL or a value of the wrong type.

extension NoticeRecords.Recipient {
    init(_ row: SQLRow) throws {
        let key: String = try row.required("household_id", key: "?")
        self.init(householdId: key,
                  township: try row.required("township", key: key), village: try row.required("village", key: key),
                  headName: try row.required("head_name", key: key), persons: try row.required("covered_persons", key: key),
                  category: try row.checked("category", key: key), amount: Money(fen: try row.required("amount_fen", key: key)),
                  reason: try row.checked("reason", key: key))
    }
}

extension NoticeRecords.Adjustment {
    init(_ row: SQLRow) throws {
        let key: String = try row.required("household_id", key: "?")
        self.init(householdId: key,
                  township: try row.required("township", key: key), village: try row.required("village", key: key),
                  headName: try row.required("head_name", key: key), persons: try row.required("covered_persons", key: key),
                  before: Money(fen: try row.required("before_fen", key: key)),
                  after: Money(fen: try row.required("after_fen", key: key)))
    }
}
