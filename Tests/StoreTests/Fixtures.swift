import GRDB
import Foundation
import GongkaiCore
@testable import Store

/// A small, valid set of contract files, and helpers to import it into a fresh store.
enum Fixtures {
    static let households = """
    户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
    H001,三营镇,三营村,张𠮷祥,640402198001010017,13912345678,3,农村
    H002,南关街道,西城社区,阿依古丽·买买提,11010519491231002x,0954-2031234,1,城市
    H003,开城镇,和泉村,马海,640402198001010017,,2,农村
    """

    static let enrolments = """
    户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
    H001,dibao,一类,3,"1,635.00",按月,2026-01-05,2026-02-10,2026-03,,,
    H002,特困,分散供养,1,980,按月,2025/12/1,2025/12/20,2026-01,2026-09,死亡,
    H003,临时救助,支出型,2,1500.5,一次性,2026-03-01,2026-03-05,2026-03,,,因病
    """

    static let payments = """
    户编号,救助项目,所属月份,金额,发放日期
    H001,dibao,2026-03,1635.00,2026-03-15
    H002,tekun,2026-01,980.00,2026-02-03
    """

    /// Column order differs from the contract and names are English: both are allowed.
    static let staff = """
    name,staff_id,role,certificate,certified_on,training_hours,notes
    李明,S01,核查员,社会工作师,2024-06-01,24,ignored column
    """

    static let complaints = """
    编号,受理时间,渠道,类型,类别,涉及项目,涉及户编号,乡镇,内容,来电人,来电号码,匿名,办结时间,满意度
    TS-202603-0001,2026-03-02 09:15,监督电话,投诉,发放时限,dibao,H001,三营镇,反映救助金未按时到账,王五,13800001111,否,2026-03-20 10:00,满意
    TS-202603-0002,2026-03-03 10:00,网上,咨询,政策咨询,,,,咨询低保申请条件,,,是,,
    """

    static var all: [String: String] {
        ["households.csv": households, "enrolments.csv": enrolments, "payments.csv": payments,
         "staff.csv": staff, "complaints.csv": complaints]
    }

    static func folder(_ files: [String: String], encode: (String) -> [UInt8] = { Array($0.utf8) }) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(encode(text)).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").path

    /// An importer with the shipped desk rules and holiday calendar.
    static func importer(_ store: StoreDatabase) -> Importer {
        Importer(store: store, clock: .fixed(Date(timeIntervalSince1970: 1_790_000_000)),
                 schedule: try! ComplaintSchedule.load(templates: templates))
    }

    /// Every row of every table, as text, for comparing whole stores.
    static func dump(_ store: StoreDatabase) throws -> [String] {
        try store.read { db in
            var lines: [String] = []
            for table in ["household", "enrolment", "payment", "service", "staff", "data_match", "complaint"] {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3")
                lines += rows.map { "\(table): \($0)" }
            }
            return lines
        }
    }
}
