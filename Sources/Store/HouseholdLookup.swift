import GongkaiCore

/// What intake may look a household up by: the 户编号 (its beginning), or the head's name within one
/// township. A name alone is not a query — across a county, names repeat and the list would show
/// strangers' households — so the township is part of the case, not an option.
public enum HouseholdLookup: Sendable, Equatable {
    case number(String)
    case headName(String, township: String)

    /// At most this many matches are returned; a longer list asks the clerk to narrow the search.
    public static let limit = 20

    /// The kind of query, for the audit log (never what was typed).
    public var kind: String {
        switch self {
        case .number: "number"
        case .headName: "name"
        }
    }
}

/// One household found at intake: only what the clerk needs to pick it — no ID number, phone or
/// size of household.
public struct HouseholdMatch: Sendable, Equatable {
    public let householdId: String
    public let headName: String
    public let township: String
    public let village: String
    /// Programme codes with an enrolment that has not stopped before `monthIndex`, sorted.
    public let programmes: [String]
}

extension StoreDatabase {
    /// The households of `query`, by number, at most `HouseholdLookup.limit` of them; `more` says
    /// that others matched too. Programmes are those the household is enrolled in at `monthIndex`
    /// (started, and not stopped before it). Wildcards typed into the query are matched literally.
    /// A number is normalised as the importer stores keys (`TypedText.identifier`), so ＹＺ0000005 typed
    /// at intake finds YZ0000005.
    public func households(_ query: HouseholdLookup, monthIndex: Int) throws -> (matches: [HouseholdMatch], more: Bool) {
        try session(readOnly: true) { session in
            // LIKE as SQLite's: Latin letters in either case (SQLDialect.containsText).
            let like = session.dialect.containsText
            let (condition, arguments): (String, [SQLValue]) = switch query {
            case .number(let number):
                (like("household_id"), [.text(Self.likeEscaped(TypedText.identifier(number)) + "%")])
            case .headName(let name, let township):
                ("township = ? AND " + like("head_name"), [.text(township), .text("%" + Self.likeEscaped(name) + "%")])
            }
            let rows = try session.rows("""
                SELECT household_id, head_name, township, village FROM household WHERE \(condition)
                ORDER BY household_id LIMIT \(HouseholdLookup.limit + 1)
                """, arguments)
            var matches: [HouseholdMatch] = []
            for row in rows.prefix(HouseholdLookup.limit) {
                let id: String = try row.required("household_id", key: "household")
                let programmes: [String] = try session.column("""
                    SELECT DISTINCT programme FROM enrolment
                    WHERE household_id = ? AND start_month_index <= ? AND (stop_month_index IS NULL OR stop_month_index >= ?)
                    ORDER BY programme
                    """, id, monthIndex, monthIndex)
                matches.append(HouseholdMatch(householdId: id, headName: try row.required("head_name", key: id),
                                              township: try row.required("township", key: id),
                                              village: try row.required("village", key: id), programmes: programmes))
            }
            return (matches, rows.count > HouseholdLookup.limit)
        }
    }
}
