import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Store

/// `NoticeRecords` and `ReportAggregates` on a district of five households written by hand, with the
/// answers worked out by hand in the comments: expectations that do not come from the code under test.
/// The month is 2026-10; the previous month 2026-09; the report's 12 months run 2025-11-01 … 2026-10-31.
@Suite struct HandMadeDistrictTests {
    static let october = YearMonth(year: 2026, month: 10)!, september = YearMonth(year: 2026, month: 9)!

    /// A valid ID number for household n (the check digit computed, not typed).
    static func id(_ n: Int) -> String {
        let body = "64040219800101" + String(format: "%03d", n)
        return body + String(IDNumber.checkCharacter(for: Array(body.utf8)))
    }

    static let files: [String: String] = [
        "households.csv": """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        H1,三营镇,三营村,马建国,\(id(1)),,3,农村
        H2,三营镇,金轮村,李秀兰,\(id(2)),,1,农村
        H3,南关街道,西城社区,王芳,\(id(3)),,2,城市
        H4,六盘山镇,新村,马,\(id(4)),,1,农村
        H5,开城镇,和泉村,田小明,\(id(5)),,2,农村
        """,
        // H1 低保 since 2026-03. H2 低保 from 2026-10 (新增). H3 低保 stops at 2026-10 (停发: first month
        // unpaid) and is approved again from 2026-11 (not yet active, not 新增 in October). H4 低保 since
        // 2026-08. H1 临时救助 in 2026-10, H4 临时救助 in 2026-09 (one-offs: active in their month only).
        // H5 特困 stopped at 2026-09: nobody receives 特困 in September or October.
        "enrolments.csv": """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        H1,dibao,一类,3,1635.00,按月,2026-02-01,2026-02-20,2026-03,,,
        H2,dibao,三类,1,300.00,按月,2026-09-01,2026-09-25,2026-10,,,
        H3,dibao,二类,2,1200.00,按月,2025-12-01,2025-12-20,2026-01,2026-10,收入增加,
        H3,dibao,二类,1,600.00,按月,2026-09-25,2026-10-05,2026-11,,,
        H4,dibao,三类,1,300.00,按月,2026-07-01,2026-07-20,2026-08,,,
        H1,临时救助,支出型,2,1500.50,一次性,2026-10-02,2026-10-08,2026-10,,,因病
        H4,临时救助,急难型,1,800.00,一次性,2026-09-10,2026-09-12,2026-09,,,意外
        H5,tekun,分散供养,1,980.00,按月,2025-01-01,2025-01-20,2025-02,2026-09,死亡,
        """,
        // Only H4 is paid a different amount in October than in September (300.00 → 450.00, 补发).
        // H1 is paid the same; H2 has no September payment; H3 no October payment.
        "payments.csv": """
        户编号,救助项目,所属月份,金额,发放日期
        H1,dibao,2026-09,1635.00,2026-09-15
        H1,dibao,2026-10,1635.00,2026-10-15
        H2,dibao,2026-10,300.00,2026-10-15
        H3,dibao,2026-09,1200.00,2026-09-15
        H4,dibao,2026-09,300.00,2026-09-15
        H4,dibao,2026-10,450.00,2026-10-15
        H1,临时救助,2026-10,1500.50,2026-10-09
        H4,临时救助,2026-09,800.00,2026-09-14
        H5,tekun,2026-08,980.00,2026-08-15
        """,
        "matches.csv": """
        比对批次,推送部门,户编号,比对事项,推送日期,核查结果,处理日期
        202609-公安,公安,H1,死亡注销户口,2026-09-03,属实,2026-09-20
        202609-公安,公安,H2,户口迁出,2026-09-03,不属实,2026-10-03
        202609-公安,公安,H3,户口迁出,2026-09-03,不属实,2026-10-04
        202609-人社,人社,H4,新增就业登记,2026-09-05,待核查,
        202609-卫健,卫健,H5,新增住院记录,2026-09-10,属实,
        202610-人社,人社,H1,领取养老金,2026-10-04,待核查,
        202610-不动产,不动产,H4,新增不动产登记,2026-10-06,不属实,2026-10-20
        202608-车管,车管,H3,新增机动车登记,2026-08-04,属实,2026-08-10
        """,
        "services.csv": """
        户编号,服务类型,提供方,提供方类型,开始日期,结束日期,结果,满意度
        H1,技能培训,原州区职业技能培训中心,政府,2026-03-01,2026-05-30,就业,5
        H2,技能培训,原州区职业技能培训中心,政府,2026-04-01,2026-06-30,完成,3
        H3,技能培训,原州区职业技能培训中心,政府,2025-09-01,2025-11-15,创业,4
        H4,技能培训,原州区职业技能培训中心,政府,2026-09-01,,进行中,
        H1,创业扶持,固原市创业孵化基地,企业,2026-06-01,,进行中,
        H5,照料服务,原州区敬老院,社会组织,2025-01-05,2025-03-01,完成,5
        """,
        "staff.csv": """
        工号,姓名,岗位,持证,取证日期,本年培训学时
        S01,李明,核查员,社会工作师,2024-06-01,24
        S02,王芳,核查员,无,,
        S03,马丽,社工,助理社会工作师,2025-03-01,40
        """,
    ]

    static func store(_ backend: TestBackend) async throws -> StoreDatabase {
        let dir = try Fixtures.folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try await backend.store()
        _ = try Fixtures.importer(store).run(paths: [dir.path])
        return store
    }

    typealias Recipient = NoticeRecords.Recipient

    static func recipient(_ household: String, _ township: String, _ village: String, _ name: String, _ persons: Int,
                          _ category: String, _ fen: Int64, reason: String? = nil) -> Recipient {
        Recipient(householdId: household, township: township, village: village, headName: name, persons: persons, category: category,
                  amount: Money(fen: fen), reason: reason)
    }

    @Test(arguments: TestBackend.allCases) func noticeRecordsOfTheMonth(_ backend: TestBackend) async throws {
        let store = try await Self.store(backend)
        // 低保 in October: H1, H2 and H4 (H3 stopped, its new enrolment starts in November), ordered by
        // township, village and household as the database orders text (三 U+4E09 < 六 U+516D < 南 U+5357):
        // 3 households, 3 + 1 + 1 = 5 persons, 1635.00 + 300.00 + 300.00 = 2235.00 yuan.
        let active = try NoticeRecords.active(.dibao, month: Self.october, in: store)
        #expect(active == [Self.recipient("H1", "三营镇", "三营村", "马建国", 3, "一类", 163_500),
                           Self.recipient("H2", "三营镇", "金轮村", "李秀兰", 1, "三类", 30_000),
                           Self.recipient("H4", "六盘山镇", "新村", "马", 1, "三类", 30_000)])
        #expect(active.reduce(0) { $0 + $1.amount.fen } == 223_500 && active.reduce(0) { $0 + $1.persons } == 5)
        // 新增: H2 (starts in October). 停发: H3's enrolment, with its 2 persons.
        #expect(try NoticeRecords.started(.dibao, month: Self.october, in: store)
            == [Self.recipient("H2", "三营镇", "金轮村", "李秀兰", 1, "三类", 30_000)])
        #expect(try NoticeRecords.stopped(.dibao, month: Self.october, in: store)
            == [Self.recipient("H3", "南关街道", "西城社区", "王芳", 2, "二类", 120_000)])
        // 金额调整: H4 only, 300.00 → 450.00, persons from its enrolment.
        #expect(try NoticeRecords.adjusted(.dibao, month: Self.october, in: store)
            == [NoticeRecords.Adjustment(householdId: "H4", township: "六盘山镇", village: "新村", headName: "马", persons: 1,
                                         before: Money(fen: 30_000), after: Money(fen: 45_000))])

        // One-offs count in their own month only, with the coarse reason.
        #expect(try NoticeRecords.active(.temporary, month: Self.october, in: store)
            == [Self.recipient("H1", "三营镇", "三营村", "马建国", 2, "支出型", 150_050, reason: "因病")])
        #expect(try NoticeRecords.active(.temporary, month: Self.september, in: store)
            == [Self.recipient("H4", "六盘山镇", "新村", "马", 1, "急难型", 80_000, reason: "意外")])
        // 特困: nobody in September (H5 stopped there), so no notice, but its 停发 is in September.
        #expect(try NoticeRecords.active(.tekun, month: Self.september, in: store).isEmpty)
        #expect(try NoticeRecords.stopped(.tekun, month: Self.september, in: store)
            == [Self.recipient("H5", "开城镇", "和泉村", "田小明", 1, "分散供养", 98_000)])

        #expect(try NoticeRecords.programmesWithRecipients(month: Self.october, in: store) == [.dibao, .temporary])
        #expect(try NoticeRecords.programmesWithRecipients(month: YearMonth(year: 2026, month: 8)!, in: store) == [.dibao, .tekun])
        // The guard's people by role (a staff member may share a head's name: 王芳) and the villages,
        // whose names are public.
        let people = try PersonNames.people(in: store, identity: nil)
        #expect(people.heads == ["马建国", "李秀兰", "王芳", "马", "田小明"])
        #expect(people.staff == ["李明", "马丽", "王芳"])
        #expect(try PersonNames.villages(in: store, namedByAtLeast: 1) == ["三营村", "金轮村", "西城社区", "新村", "和泉村"])
        // One household each: not trusted as places by default (a name could be planted in the field).
        #expect(try PersonNames.villages(in: store).isEmpty)
    }

    @Test(arguments: TestBackend.allCases) func dataMatchingByDepartment(_ backend: TestBackend) async throws {
        // Pushed in October: 人社 H1, 不动产 H4. Pushed in September, resolved within 30 days: 公安 H1
        // (17 days) and H2 (30 days exactly), not H3 (31 days) nor 卫健 H5 (confirmed, no resolution
        // date). Confirmed: 公安 H1, 卫健 H5. Pending: 人社 H4. August's 车管 is outside both months.
        // Departments in the database's text order: 不 U+4E0D < 人 U+4EBA < 公 U+516C < 卫 U+536B.
        typealias Matches = ReportAggregates.DepartmentMatches
        let store = try await Self.store(backend)
        #expect(try ReportAggregates.matches(month: Self.october, in: store) == [
            Matches(department: "不动产", pushed: 1, pushedPreviousMonth: 0, verifiedWithin30Days: 0, confirmed: 0, pending: 0),
            Matches(department: "人社", pushed: 1, pushedPreviousMonth: 1, verifiedWithin30Days: 0, confirmed: 0, pending: 1),
            Matches(department: "公安", pushed: 0, pushedPreviousMonth: 3, verifiedWithin30Days: 2, confirmed: 1, pending: 0),
            Matches(department: "卫健", pushed: 0, pushedPreviousMonth: 1, verifiedWithin30Days: 0, confirmed: 1, pending: 0),
        ])
    }

    @Test(arguments: TestBackend.allCases) func servicesOverTwelveMonthsIncludingATypeThatNeverEnded(_ backend: TestBackend) async throws {
        // 技能培训: started in the 12 months H1, H2, H4 (H3 began 2025-09) = 3; ended H1, H2, H3 = 3, of
        // which 就业 or 创业 H1, H3 = 2; rated 5, 3, 4 = 3; rated 4 or 5 = 2. 创业扶持: one started, none
        // ended (every ended count 0, not NULL). 照料服务: all in 2025, before the 12 months: zeros.
        // Ordered by services of the type (4, 1, 1), then by name (创 U+521B < 照 U+7167).
        typealias Summary = ReportAggregates.ServiceTypeSummary
        let store = try await Self.store(backend)
        #expect(try ReportAggregates.services(month: Self.october, in: store) == [
            Summary(serviceType: "技能培训", started: 3, ended: 3, employedOrStartedBusiness: 2, rated: 3, satisfied: 2),
            Summary(serviceType: "创业扶持", started: 1, ended: 0, employedOrStartedBusiness: 0, rated: 0, satisfied: 0),
            Summary(serviceType: "照料服务", started: 0, ended: 0, employedOrStartedBusiness: 0, rated: 0, satisfied: 0),
        ])
    }

    @Test(arguments: TestBackend.allCases) func staffByRole(_ backend: TestBackend) async throws {
        // 核查员: S01 (certified, 24 h) and S02 (无, hours empty = 0); 社工: S03 (certified, 40 h).
        let staff = try ReportAggregates.staff(in: try await Self.store(backend))
        #expect(staff.roles == [.init(role: "核查员", count: 2, certified: 1, trainingHours: 24),
                                .init(role: "社工", count: 1, certified: 1, trainingHours: 40)])
        #expect(staff.total == 3 && staff.certified == 2 && staff.trainingHours == 64)
    }

    @Test(arguments: TestBackend.allCases) func anEmptyStoreHasNoRowsAndNoTraps(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        #expect(try ReportAggregates.matches(month: Self.october, in: store).isEmpty)
        #expect(try ReportAggregates.services(month: Self.october, in: store).isEmpty)
        #expect(try ReportAggregates.staff(in: store).roles.isEmpty)
        #expect(try NoticeRecords.active(.dibao, month: Self.october, in: store).isEmpty)
        #expect(try NoticeRecords.adjusted(.dibao, month: Self.october, in: store).isEmpty)
        #expect(try NoticeRecords.programmesWithRecipients(month: Self.october, in: store).isEmpty)
    }
}
