import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Store

/// `PaymentCheck` on seven households written by hand for 2026-10, the answers worked out by hand:
/// the boundary (equal to the standard is within, one fen above is not), a standard effective
/// mid-month (applies from the next month), a category without a standard, and a change not applied.
@Suite struct PaymentCheckTests {
    static let october = YearMonth(year: 2026, month: 10)!, november = YearMonth(year: 2026, month: 11)!

    /// 城市 一类 810.00; 农村 二类 420.00, and 440.00 effective 2026-10-15 (so from November);
    /// 特困 农村 basic 810.00 + 全护理 680.00, 750.00 from 2026-10-01; 临时救助 急难型 3 × 一类.
    static let standards = """
    [[dibao]]
    area = "城市"
    category = "一类"
    amount = "810.00"
    effective = "2026-01-01"
    document = "D1"
    title = "T1"
    [[dibao]]
    area = "农村"
    category = "二类"
    amount = "420.00"
    effective = "2026-01-01"
    document = "D1"
    title = "T1"
    [[dibao]]
    area = "农村"
    category = "二类"
    amount = "440.00"
    effective = "2026-10-15"
    document = "D2"
    title = "T2"
    [[tekun_basic]]
    area = "农村"
    amount = "810.00"
    effective = "2026-01-01"
    document = "D3"
    title = "T3"
    [[tekun_care]]
    category = "全护理"
    amount = "680.00"
    effective = "2026-01-01"
    document = "D3"
    title = "T3"
    [[tekun_care]]
    category = "全护理"
    amount = "750.00"
    effective = "2026-10-01"
    document = "D4"
    title = "T4"
    [[temporary]]
    category = "急难型"
    multiple = 3
    base_category = "一类"
    effective = "2026-01-01"
    document = "D5"
    title = "T5"
    """

    static func id(_ n: Int) -> String { HandMadeDistrictTests.id(n) }

    // P1 城市 一类 ×2 paid 1620.00 = 810.00 × 2: within (equal).
    // P2 农村 二类 ×3 paid 1260.01 > 420.00 × 3 = 1260.00: over by one fen.
    // P3 农村 特困 全护理 paid 1490.00 = 810.00 + 680.00, the standard before October's: change not applied.
    // P4 农村 特困 全护理 paid 1560.00 = 810.00 + 750.00: within.
    // P5 城市 临时救助 急难型 paid 2500.00 > 3 × 810.00 = 2430.00: over by 70.00.
    // P6 农村 低保 四类: no standard for the category (its payment cannot be over anything).
    // P7 农村 二类 ×1 paid 440.00 in October (> 420.00: the mid-month 440.00 applies from November)
    //    and 440.00 in November (within).
    static let files: [String: String] = [
        "households.csv": """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        P1,南关街道,西城社区,王芳,\(id(1)),,2,城市
        P2,三营镇,三营村,马建国,\(id(2)),,3,农村
        P3,三营镇,金轮村,李秀兰,\(id(3)),,1,农村
        P4,开城镇,和泉村,田小明,\(id(4)),,1,农村
        P5,南关街道,西城社区,张伟,\(id(5)),,2,城市
        P6,三营镇,三营村,马海,\(id(6)),,1,农村
        P7,开城镇,和泉村,虎兰,\(id(7)),,1,农村
        """,
        "enrolments.csv": """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        P1,dibao,一类,2,1620.00,按月,2026-01-02,2026-01-20,2026-02,,,
        P2,dibao,二类,3,1260.00,按月,2026-01-02,2026-01-20,2026-02,,,
        P3,tekun,全护理,1,1490.00,按月,2026-01-02,2026-01-20,2026-02,,,
        P4,tekun,全护理,1,1560.00,按月,2026-01-02,2026-01-20,2026-02,,,
        P5,临时救助,急难型,2,2500.00,一次性,2026-10-02,2026-10-03,2026-10,,,意外
        P6,dibao,四类,1,300.00,按月,2026-01-02,2026-01-20,2026-02,,,
        P7,dibao,二类,1,440.00,按月,2026-01-02,2026-01-20,2026-02,,,
        """,
        "payments.csv": """
        户编号,救助项目,所属月份,金额,发放日期
        P1,dibao,2026-10,1620.00,2026-10-15
        P2,dibao,2026-10,1260.01,2026-10-15
        P3,tekun,2026-10,1490.00,2026-10-15
        P4,tekun,2026-10,1560.00,2026-10-15
        P5,临时救助,2026-10,2500.00,2026-10-05
        P6,dibao,2026-10,300.00,2026-10-15
        P7,dibao,2026-10,440.00,2026-10-15
        P7,dibao,2026-11,440.00,2026-11-15
        """,
    ]

    static func check(_ backend: TestBackend) async throws -> PaymentCheck {
        let dir = try Fixtures.folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try await backend.store()
        _ = try Fixtures.importer(store).run(paths: [dir.path])
        return PaymentCheck(store: store, standards: try PaymentStandards.parse(standards, file: "standards.toml"))
    }

    static func summary(_ f: PaymentFinding) -> String {
        "\(f.kind.rawValue) \(f.householdID) \(f.amount.yuan) allowed \(f.allowed?.yuan ?? "-") previous \(f.previous?.yuan ?? "-") excess \(f.excess.yuan)"
    }

    @Test(arguments: TestBackend.allCases) func octoberFindsExactlyTheHandWorkedCases(_ backend: TestBackend) async throws {
        let findings = try await Self.check(backend).findings(Self.october)
        #expect(findings.map(Self.summary) == [
            "over_standard P2 1260.01 allowed 1260.00 previous - excess 0.01",
            "over_standard P7 440.00 allowed 420.00 previous - excess 20.00",
            "over_standard P5 2500.00 allowed 2430.00 previous - excess 70.00",
            "no_standard P6 300.00 allowed - previous - excess 0.00",
            "change_not_applied P3 1490.00 allowed 1560.00 previous 1490.00 excess 0.00",
        ])
        // Full identifiers, for staff.
        let p2 = try #require(findings.first)
        #expect(p2.headName == "马建国" && p2.headIDNumber == Self.id(2) && p2.township == "三营镇" && p2.village == "三营村")
        #expect(p2.area == "农村" && p2.category == "二类" && p2.persons == 3)
    }

    @Test(arguments: TestBackend.allCases) func novemberAppliesTheMidOctoberStandard(_ backend: TestBackend) async throws {
        // Only P7 is paid in November (440.00, now the standard); P6 is still enrolled without one.
        let findings = try await Self.check(backend).findings(Self.november)
        #expect(findings.map(Self.summary) == ["no_standard P6 300.00 allowed - previous - excess 0.00"])
    }

    @Test(arguments: TestBackend.allCases) func withoutStandardsEveryCheckedEnrolmentHasNone(_ backend: TestBackend) async throws {
        let dir = try Fixtures.folder(Self.files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try await backend.store()
        _ = try Fixtures.importer(store).run(paths: [dir.path])
        let findings = try PaymentCheck(store: store, standards: PaymentStandards(entries: [])).findings(Self.october)
        #expect(findings.allSatisfy { $0.kind == .noStandard })
        #expect(findings.map(\.householdID).sorted() == ["P1", "P2", "P3", "P4", "P5", "P6", "P7"])
    }
}
