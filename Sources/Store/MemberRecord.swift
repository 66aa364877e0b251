import GongkaiCore

/// A row of members.csv (家庭成员): one person of a household, keyed by ID number, so a person is a
/// member of one household only and a person who moves is imported once, with the new household.
///
/// Departments' lists name persons, not households: matching joins them by ID number over every
/// member of every household (docs/matching.md). Members are never in a public file; the
/// publication guard knows their names (`PersonNames`) and finds any ID number by its form.
struct MemberRecord: ImportRecord {
    static let table = "household_member"
    static let keyColumns = ["id_number"]
    static let valueColumns = ["household_id", "name", "relation", "birth_on", "birth_day"]
    let line: Int
    let householdID: String, idNumber: IDNumber, name: String, relation: String, birth: CivilDate

    var keyValues: [SQLValue] { [idNumber.value.sqlValue] }
    var otherValues: [SQLValue] {
        [householdID.sqlValue, name.sqlValue, relation.sqlValue, birth.description.sqlValue,
         birth.dayNumber.sqlValue]
    }

    init?(_ r: inout FieldReader) {
        line = r.line
        let household = r.householdKey("household_id"), idNumber = r.idNumber("id_number")
        let name = r.personName("name"), relation = r.code("relation", in: Codelist.relation)
        let birth = r.birthDate("birth_date")
        // The ID number carries the birth date (GB 11643, digits 7–14): a row whose two disagree has
        // one of them wrong, and matching by age would go wrong with it.
        if let idNumber, let birth, idNumber.birthDate != birth {
            r.fail("birth_date", "出生日期 \(birth) 与身份证号中的出生日期不一致：请核对这一行")
            return nil
        }
        guard let household, let idNumber, let name, let relation, let birth else { return nil }
        householdID = household; self.idNumber = idNumber; self.name = name; self.relation = relation; self.birth = birth
    }
}

/// 家庭人口 against the members given: a household whose members.csv rows (in the store, after an
/// import) number other than its 家庭人口 is reported, never refused — an office may give members of
/// some households only, or be part-way through entering them.
public struct MemberCountDifference: Sendable, Equatable {
    public let householdID: String
    public let householdSize: Int
    public let members: Int

    /// Households with at least one member whose count differs from 家庭人口, by key.
    static func all(in session: any SQLSession) throws -> [MemberCountDifference] {
        try session.rows("""
            SELECT h.household_id, h.household_size, COUNT(*) AS members
            FROM household h JOIN household_member m ON m.household_id = h.household_id
            GROUP BY h.household_id, h.household_size HAVING COUNT(*) <> h.household_size
            ORDER BY h.household_id
            """).map { r in
            func field<T: SQLColumnValue>(_ column: String) throws -> T? { try r.checked(column, key: "household") }
            return MemberCountDifference(householdID: try field("household_id") ?? "", householdSize: try field("household_size") ?? 0,
                                         members: try field("members") ?? 0)
        }
    }

    /// The warning an import prints: the first `shown` households, then how many in all.
    static func warning(_ differences: [MemberCountDifference], shown: Int = 20) -> String? {
        guard !differences.isEmpty else { return nil }
        let listed = differences.prefix(shown).map { "户 \($0.householdID) 家庭人口 \($0.householdSize)、成员 \($0.members) 人" }
        let more = differences.count > shown ? "……" : ""
        return "members.csv：\(differences.count) 户的家庭人口与家庭成员表的人数不符（\(listed.joined(separator: "；"))\(more)）；已照常导入，请核对"
    }
}
