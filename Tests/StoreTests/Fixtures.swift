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
    H003,开城镇,和泉村,马海,640402198001010025,,2,农村
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

    static let services = """
    户编号,服务类型,提供方,提供方类型,开始日期,结束日期,结果,满意度
    H001,技能培训,原州区就业服务中心,政府,2026-03-01,2026-03-20,完成,5
    H002,照料服务,三营镇敬老院,社会组织,2026-01-10,,进行中,
    """

    static let matches = """
    比对批次,推送部门,户编号,比对事项,推送日期,核查结果,处理日期
    2026-03,车管,H001,名下有机动车,2026-03-10,不属实,2026-03-18
    2026-03,人社,H003,领取失业保险金,2026-03-10,待核查,
    """

    /// Every kind of file the contract knows, one small valid file each.
    static var contract: [String: String] {
        all.merging(["services.csv": services, "matches.csv": matches]) { a, _ in a }
    }

    static var all: [String: String] {
        ["households.csv": households, "enrolments.csv": enrolments, "payments.csv": payments,
         "staff.csv": staff, "complaints.csv": complaints]
    }

    static func folder(_ files: [String: String], encode: (String) -> [UInt8] = { Array($0.utf8) }) throws -> URL {
        try folder(bytes: files.mapValues(encode))
    }

    /// A fresh temporary folder holding `files` byte for byte, removed by the caller's `defer`.
    static func folder(bytes files: [String: [UInt8]]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    /// `text` in a Unicode encoding of two or four bytes per unit, with or without its BOM.
    static func wide(_ text: String, _ encoding: WideEncoding, bom: Bool) -> [UInt8] {
        let body = bom ? "\u{FEFF}" + text : text
        switch encoding {
        case .utf16LE: return body.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: return body.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case .utf32LE: return body.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } }
        case .utf32BE: return body.unicodeScalars.flatMap { s in (0..<4).reversed().map { UInt8((s.value >> (8 * $0)) & 0xFF) } }
        }
    }

    /// Imports the files in `dir` into `store`: the refusal's errors, or [] when the import was accepted.
    static func refusal(_ dir: URL, into store: StoreDatabase) throws -> [InputError] {
        do {
            _ = try importer(store).run(paths: [dir.path])
            return []
        } catch let refusal as InputErrors {
            return refusal.errors
        }
    }

    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").path
    /// The shipped standards (templates/standards.toml), which the demo generators follow.
    static func standards() throws -> PaymentStandards { try PaymentStandards.load(templates: templates) }

    /// The shipped desk rules and holiday calendar, read once.
    /// The shipped schedule, for an office that has added 六盘山镇 to templates/townships.toml (the
    /// hand-made districts use a township outside 原州区's official list).
    static let schedule: ComplaintSchedule = {
        let shipped = try! ComplaintSchedule.load(templates: templates)
        return shipped.addingTownship(Townships.Township(code: "640402999", name: "六盘山镇"))
    }()

    /// An importer with the shipped desk rules and holiday calendar.
    static func importer(_ store: StoreDatabase) -> Importer {
        Importer(store: store, clock: .fixed(Date(timeIntervalSince1970: 1_790_000_000)), schedule: schedule,
                 identity: try? CallerIdentityCipher(secret: Data(repeating: 7, count: 32)))
    }

    /// Every row of every table, as text, for comparing whole stores.
    static func dump(_ store: StoreDatabase) throws -> [String] {
        try store.session(readOnly: true) { session in
            var lines: [String] = []
            for table in ["household", "enrolment", "payment", "service", "staff", "data_match", "complaint"] {
                let rows = try session.rows("SELECT * FROM \(table) ORDER BY 1, 2, 3")
                lines += rows.map { row in "\(table): " + zip(row.columns, row.values).map { "\($0)=\($1)" }.joined(separator: " ") }
            }
            return lines
        }
    }
}

extension ComplaintSchedule {
    /// The schedule of an office whose templates/townships.toml lists one more township.
    func addingTownship(_ township: Townships.Township) -> ComplaintSchedule {
        ComplaintSchedule(settings: settings, calendar: calendar, townships: Townships(
            districtCode: townships.districtCode, districtName: townships.districtName, all: townships.all + [township]))
    }
}

extension StoreDatabase {
    /// The first column of every row `sql` returns, read the same way from either database.
    func column<T: SQLColumnValue>(_ sql: String, _ arguments: any SQLArgument...) throws -> [T] {
        try session(readOnly: true) { try $0.rows(sql, arguments.map(\.sqlValue)).compactMap { T(sqlValue: $0[0]) } }
    }
}
