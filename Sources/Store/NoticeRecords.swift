import GRDB
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
        FROM enrolment e JOIN household h ON h.household_id = e.household_id
        """

    private static func recipients(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [Recipient] {
        try Recipient.fetchAll(db, sql: "SELECT \(columns) WHERE \(condition) ORDER BY h.township, h.village, h.household_id",
                               arguments: arguments)
    }

    /// Enrolments of the programme active in the month (a one-off counts in its start month only).
    public static func active(_ programme: Programme, month: YearMonth, in store: StoreDatabase) throws -> [Recipient] {
        try store.read { db in
            try recipients(db, where: """
                e.programme = ? AND e.start_month_index <= ?
                AND (CASE WHEN e.frequency = 'one_off' THEN e.start_month_index + 1
                          ELSE COALESCE(e.stop_month_index, 999999) END) > ?
                """, [programme.code, month.index, month.index])
        }
    }

    /// Enrolments starting in the month (本月新增).
    public static func started(_ programme: Programme, month: YearMonth, in store: StoreDatabase) throws -> [Recipient] {
        try store.read { db in
            try recipients(db, where: "e.programme = ? AND e.start_month_index = ?", [programme.code, month.index])
        }
    }

    /// Enrolments whose first unpaid month is this month (本月停发).
    public static func stopped(_ programme: Programme, month: YearMonth, in store: StoreDatabase) throws -> [Recipient] {
        try store.read { db in
            try recipients(db, where: "e.programme = ? AND e.stop_month_index = ?", [programme.code, month.index])
        }
    }

    /// Households paid in both months with different amounts (金额调整).
    public static func adjusted(_ programme: Programme, month: YearMonth, in store: StoreDatabase) throws -> [Adjustment] {
        try store.read { db in
            // Persons from the enrolment the payment belongs to; 0 when no enrolment has started by then.
            try Adjustment.fetchAll(db, sql: """
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
                """, arguments: [programme.code, month.index])
        }
    }

    /// Programmes with at least one recipient in the month, in programme order.
    public static func programmesWithRecipients(month: YearMonth, in store: StoreDatabase) throws -> [Programme] {
        try store.read { db in
            let codes = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT programme FROM enrolment
                WHERE start_month_index <= ?
                  AND (CASE WHEN frequency = 'one_off' THEN start_month_index + 1
                            ELSE COALESCE(stop_month_index, 999999) END) > ?
                """, arguments: [month.index, month.index]))
            return Programme.allCases.filter { codes.contains($0.code) }
        }
    }
}

// Rows decode by column name and throw (never trap) on a NULL or a value of the wrong type.

extension NoticeRecords.Recipient: FetchableRecord {
    public init(row: Row) throws {
        self.init(householdId: try row.decode(forColumn: "household_id"),
                  township: try row.decode(forColumn: "township"), village: try row.decode(forColumn: "village"),
                  headName: try row.decode(forColumn: "head_name"), persons: try row.decode(forColumn: "covered_persons"),
                  category: try row.decode(forColumn: "category"), amount: Money(fen: try row.decode(forColumn: "amount_fen")),
                  reason: try row.decode(forColumn: "reason"))
    }
}

extension NoticeRecords.Adjustment: FetchableRecord {
    public init(row: Row) throws {
        self.init(householdId: try row.decode(forColumn: "household_id"),
                  township: try row.decode(forColumn: "township"), village: try row.decode(forColumn: "village"),
                  headName: try row.decode(forColumn: "head_name"), persons: try row.decode(forColumn: "covered_persons"),
                  before: Money(fen: try row.decode(forColumn: "before_fen")),
                  after: Money(fen: try row.decode(forColumn: "after_fen")))
    }
}
