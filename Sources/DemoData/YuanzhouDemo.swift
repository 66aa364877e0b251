import Foundation
import GongkaiCore

/// Generates realistic, deterministic demo data for 原州区 as CSV files in the import contract.
///
/// The proportions follow the district's caseload shape: 低保 is by far the largest programme,
/// 特困 small, 临时救助 and the special programmes one-off; enrolments enter and exit over the
/// window with the contract's exit reasons; a few payments are late and a few missing; services,
/// data-matching pushes and hotline complaints (about one per 100 households a month) accompany them.
/// Amounts follow templates/standards.toml month by month (a standard raised mid-year is paid from
/// its first month), except a few payments of the last month planted for `gongkai check`
/// (`planted()`). The same options always give byte-identical files.
public struct YuanzhouDemo {
    public struct Options: Sendable {
        public var households: Int
        public var endMonth: YearMonth
        public var months: Int
        public var seed: UInt64
        /// The standards the amounts follow (templates/standards.toml).
        public var standards: PaymentStandards

        public init(households: Int = 12_000, endMonth: YearMonth = YearMonth(year: 2026, month: 10)!,
                    months: Int = 24, seed: UInt64 = 640_402, standards: PaymentStandards) {
            self.households = households; self.endMonth = endMonth; self.months = months; self.seed = seed
            self.standards = standards
        }
    }

    public let options: Options
    let allowances: DemoAllowances

    /// Refuses standards that leave a category the demo pays without an allowance in some month.
    public init(_ options: Options) throws(InputError) {
        self.options = options
        allowances = try DemoAllowances(options.standards, from: options.endMonth.adding(months: -options.months),
                                        through: options.endMonth.adding(months: 1))
    }

    func allowance(_ programme: Programme, urban: Bool, _ category: String, in month: YearMonth) -> Int64 {
        allowances.fen(programme, urban: urban, category, in: month)
    }

    var windowStart: YearMonth { options.endMonth.adding(months: -(options.months - 1)) }
    /// The export date: the last day of the demo month, so that month is complete.
    var exportDay: CivilDate { options.endMonth.lastDay }

    /// The files, by contract file name, in import order.
    public func generate() -> [(name: String, text: String)] { run().files }

    /// The payments of the last month planted above (or, for a changed standard, at the previous)
    /// standard, for `gongkai check` to find: exactly these and nothing else.
    public func planted() -> [PlantedFinding] { run().planted }

    private func run() -> Output {
        var rng = SplitMix64(seed: options.seed)
        var output = Output(households: options.households)
        var dibaoHouseholds: [(id: String, township: Int)] = []
        var householdsByTownship = [[String]](repeating: [], count: YuanzhouGeography.townships.count)
        let townshipWeights = YuanzhouGeography.townships.indices.map { ($0, YuanzhouGeography.townships[$0].weight) }

        var idNumbers = DemoIdentifiers.UniqueIDNumbers()
        for n in 1...options.households {
            let id = String(format: "YZ%07d", n)
            let t = rng.pick(townshipWeights)
            let township = YuanzhouGeography.townships[t]
            let urban = township.isStreet || rng.chance(0.04)
            let size = rng.pick([(1, 20), (2, 25), (3, 20), (4, 18), (5, 12), (6, 5)])
            output.households.append([
                id, township.name, rng.pick(township.villages), DemoNames.name(&rng), idNumbers.next(&rng),
                rng.chance(0.85) ? DemoIdentifiers.mobile(&rng) : "", String(size), urban ? "城市" : "农村",
            ])
            householdsByTownship[t].append(id)
            let plan = enrol(id: id, size: size, urban: urban, street: township.isStreet, rng: &rng, into: &output)
            if plan.dibao { dibaoHouseholds.append((id, t)) }
            if plan.dibao || plan.tekun, rng.chance(0.3) { services(id: id, tekun: plan.tekun, rng: &rng, into: &output) }
        }
        staff(&rng, into: &output)
        matches(dibaoHouseholds, rng: &rng, into: &output)
        complaints(householdsByTownship, rng: &rng, into: &output)
        return output
    }

    /// Writes the files into `directory` (created if needed) and returns their paths and what was planted.
    public func write(to directory: URL) throws -> (files: [URL], planted: [PlantedFinding]) {
        let output = run()
        return (try Output.write(output.files, to: directory), output.planted)
    }

    // MARK: - Households and programmes

    /// The contract files: written for gongkai's importer, which reads cells literally, so formula
    /// cells are not neutralised.
    struct Output {
        var households: CSVWriter
        var enrolments = CSVWriter(header: ["户编号", "救助项目", "类别", "保障人数", "金额", "发放方式", "申请日期", "审批日期",
                                            "起始月份", "停发月份", "终止原因", "事由"], neutralisesFormulas: false)
        var payments: CSVWriter
        var services = CSVWriter(header: ["户编号", "服务类型", "提供方", "提供方类型", "开始日期", "结束日期", "结果", "满意度"], neutralisesFormulas: false)
        var staff = CSVWriter(header: ["工号", "姓名", "岗位", "持证", "取证日期", "本年培训学时"], neutralisesFormulas: false)
        var matches = CSVWriter(header: ["比对批次", "推送部门", "户编号", "比对事项", "推送日期", "核查结果", "处理日期"], neutralisesFormulas: false)
        var complaints = CSVWriter(header: ["编号", "受理时间", "渠道", "类型", "类别", "涉及项目", "涉及户编号", "乡镇", "内容",
                                            "来电人", "来电号码", "匿名", "办结时间", "满意度"], neutralisesFormulas: false)
        var planted: [PlantedFinding] = []
        /// Of `planted`, the 补发 of arrears (odd district).
        var arrearsPlanted = 0

        /// Reserves the two large files up front: they dominate generation time at 100,000+ households.
        init(households count: Int) {
            households = CSVWriter(header: ["户编号", "乡镇", "村", "户主姓名", "户主身份证号", "联系电话", "家庭人口", "城乡"],
                                   reserve: count * 90, neutralisesFormulas: false)
            payments = CSVWriter(header: ["户编号", "救助项目", "所属月份", "金额", "发放日期"], reserve: count * 500, neutralisesFormulas: false)
        }

        /// The files, by contract file name, in import order.
        var files: [(name: String, text: String)] {
            [("households.csv", households.text), ("enrolments.csv", enrolments.text), ("payments.csv", payments.text),
             ("services.csv", services.text), ("staff.csv", staff.text), ("matches.csv", matches.text),
             ("complaints.csv", complaints.text)]
        }

        /// Writes files into `directory` (created if needed) and returns their paths.
        static func write(_ files: [(name: String, text: String)], to directory: URL) throws -> [URL] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try files.map { file in
                let url = directory.appendingPathComponent(file.name)
                try Data(file.text.utf8).write(to: url, options: .atomic)
                return url
            }
        }
    }

    struct Plan { var dibao = false; var tekun = false }

    func enrol(id: String, size: Int, urban: Bool, street: Bool, rng: inout SplitMix64, into out: inout Output) -> Plan {
        var plan = Plan()
        var any = false
        if rng.chance(0.62) {
            plan.dibao = true
            let persons = rng.chance(0.7) ? size : rng.int(1...size)
            let tier = rng.pick(DemoAllowances.dibaoCategories)
            monthly(id: id, .dibao, category: tier, persons: persons, urban: urban,
                    exitChance: 0.2, reasons: [("收入增加", 35), ("就业", 25), ("死亡", 15), ("迁出", 10), ("核查不符", 10), ("其他", 5)],
                    rng: &rng, into: &out)
            any = true
        } else if rng.chance(0.14) {
            plan.tekun = true
            monthly(id: id, .tekun, category: rng.pick(DemoAllowances.careLevels), persons: 1, urban: urban, exitChance: 0.08,
                    reasons: [("死亡", 70), ("迁出", 10), ("核查不符", 10), ("其他", 10)], rng: &rng, into: &out)
            any = true
        }
        if rng.chance(0.04) {
            // 就业救助: a six-month job subsidy, paid monthly.
            let start = windowStart.adding(months: rng.int(0...(options.months - 1)))
            let stop = start.adding(months: 6)
            let (applied, approved) = approval(for: start, rng: &rng)
            out.enrolments.append([id, Programme.employment.chineseName, "公益性岗位补贴", "1", "300.00", "按月",
                                   applied.description, approved.description, start.description, stop.description, "其他", ""])
            payMonthly(id: id, .employment, start: start, stop: stop, fen: { _ in 30_000 }, rng: &rng, into: &out)
            any = true
        }
        let oneOffs: [(Programme, Double, ClosedRange<Int64>, [(String, Int)])] = [
            (.temporary, 0.22, 500...5_000, DemoAllowances.temporaryTypes),
            (.medical, 0.12, 1_000...20_000, [("住院救助", 70), ("门诊慢特病救助", 30)]),
            (.education, size >= 3 ? 0.12 : 0, 1_000...3_000, [("义务教育", 40), ("高中", 35), ("大学", 25)]),
            (.housing, urban ? 0 : 0.02, 10_000...40_000, [("农村危房改造", 100)]),
            (.disaster, street ? 0 : 0.04, 500...3_000, [("自然灾害生活救助", 100)]),
        ]
        for (programme, p, range, categories) in oneOffs where rng.chance(p) || (!any && programme == .temporary) {
            any = true
            var used = Set<Int>()
            for _ in 0..<(programme == .temporary && rng.chance(0.25) ? 2 : 1) {
                var offset = rng.int(0...(options.months - 1))
                if programme == .disaster { offset = (offset / 12) * 12 + rng.int(5...8) }  // summer floods and hail
                let start = windowStart.adding(months: min(offset, options.months - 1))
                guard used.insert(start.index).inserted else { continue }
                let (applied, approved) = approval(for: start, rng: &rng, emergency: programme == .temporary)
                var yuan = Int64(rng.int(Int(range.lowerBound / 100)...Int(range.upperBound / 100))) * 100
                let reason = programme == .temporary
                    ? rng.pick([("因病", 40), ("因灾", 10), ("因学", 15), ("意外", 20), ("其他", 15)]) : ""
                let category = rng.pick(categories)
                if programme == .temporary {
                    // Within the limit (whole hundreds of yuan), except one planted payment of the last month.
                    let limit = allowance(.temporary, urban: urban, category, in: start) / 100
                    yuan = min(yuan, limit / 100 * 100)
                    if start == options.endMonth, !out.planted.contains(where: { $0.programme == .temporary }) {
                        yuan = limit + 100
                        out.planted.append(PlantedFinding(householdID: id, programme: .temporary, kind: .overStandard))
                    }
                }
                out.enrolments.append([id, programme.chineseName, category, String(rng.int(1...size)),
                                       Money(fen: yuan * 100).yuan, "一次性", applied.description, approved.description,
                                       start.description, "", "", reason])
                out.payments.append([id, programme.chineseName, start.description, Money(fen: yuan * 100).yuan,
                                     paidOn(start, rng: &rng).description])
            }
        }
        return plan
    }

    /// A monthly enrolment that may have started before the window and may exit within it, paid its
    /// allowance × persons each month; the enrolment records the amount of its last month paid.
    func monthly(id: String, _ programme: Programme, category: String, persons: Int, urban: Bool, exitChance: Double,
                 reasons: [(String, Int)], rng: inout SplitMix64, into out: inout Output) {
        let start = rng.chance(0.45)
            ? windowStart.adding(months: -rng.int(1...60))
            : windowStart.adding(months: rng.int(0...options.months))  // up to next month: approved, not yet paid
        var stop: YearMonth?
        var reason = ""
        if rng.chance(exitChance) {
            let first = max(start.index, windowStart.index) + 1
            if first <= options.endMonth.index {
                stop = YearMonth(index: rng.int(first...options.endMonth.index))
                reason = rng.pick(reasons)
            }
        }
        let (applied, approved) = approval(for: start, rng: &rng)
        let fen = { (month: YearMonth) in allowance(programme, urban: urban, category, in: month) * Int64(persons) }
        let recorded = YearMonth(index: max(min(start.index, options.endMonth.index + 1),
                                            min((stop?.index ?? Int.max) - 1, options.endMonth.index)))
        out.enrolments.append([id, programme.chineseName, category, String(persons), Money(fen: fen(recorded)).yuan, "按月",
                               applied.description, approved.description, start.description,
                               stop?.description ?? "", reason, ""])
        payMonthly(id: id, programme, start: start, stop: stop, fen: fen, rng: &rng, into: &out)
    }

    /// Approved in the month before the start (benefits run from the month after approval); the
    /// application 1–8 weeks before that, so a few exceed the 30-working-day limit.
    func approval(for start: YearMonth, rng: inout SplitMix64, emergency: Bool = false) -> (CivilDate, CivilDate) {
        let month = emergency ? start : start.adding(months: -1)
        let approved = CivilDate(year: month.year, month: month.month,
                                 day: rng.int(1...CivilDate.daysIn(year: month.year, month: month.month)))!
        let applied = approved.adding(days: -(emergency ? rng.int(1...12) : rng.int(10...56)))
        return (applied, approved)
    }

    /// Monthly payments within the window, `fen` of the month; a few payments are late and a very
    /// few missing, and a few of the last month are planted for the check (`plant`).
    func payMonthly(id: String, _ programme: Programme, start: YearMonth, stop: YearMonth?, fen: (YearMonth) -> Int64,
                    rng: inout SplitMix64, into out: inout Output) {
        let from = max(start.index, windowStart.index)
        let to = min(stop?.index ?? Int.max, options.endMonth.index + 1)
        guard from < to else { return }
        for index in from..<to {
            if rng.chance(0.004) { continue }
            let month = YearMonth(index: index)
            let amount = month == options.endMonth
                ? plant(id: id, programme, fen: fen(month), previous: fen(month.adding(months: -1)), into: &out) : fen(month)
            out.payments.append([id, programme.chineseName, month.description, Money(fen: amount).yuan,
                                 paidOn(month, rng: &rng).description])
        }
    }

    /// The planted payments of the last month: the first three 低保 payments and the first 特困
    /// payment 50 yuan above their standard, and the first 特困 payment whose standard changed this
    /// month still at the previous amount. Everything else is paid as the standard says.
    func plant(id: String, _ programme: Programme, fen: Int64, previous: Int64, into out: inout Output) -> Int64 {
        func count(_ kind: PaymentStandards.FindingKind) -> Int { out.planted.filter { $0.programme == programme && $0.kind == kind }.count }
        switch programme {
        case .dibao where count(.overStandard) < 3, .tekun where count(.overStandard) < 1 && previous == fen:
            out.planted.append(PlantedFinding(householdID: id, programme: programme, kind: .overStandard))
            return fen + 5_000
        case .tekun where count(.changeNotApplied) < 1 && previous < fen:
            out.planted.append(PlantedFinding(householdID: id, programme: programme, kind: .changeNotApplied))
            return previous
        default:
            return fen
        }
    }

    /// Usually paid between the 10th and the 20th; about 2% slip into the next month.
    func paidOn(_ month: YearMonth, rng: inout SplitMix64) -> CivilDate {
        if rng.chance(0.02) {
            let next = month.adding(months: 1)
            return CivilDate(year: next.year, month: next.month, day: rng.int(2...12))!
        }
        return CivilDate(year: month.year, month: month.month, day: rng.int(10...20))!
    }

    // MARK: - Services, staff, matching, complaints

    func services(id: String, tekun: Bool, rng: inout SplitMix64, into out: inout Output) {
        var used = Set<String>()
        for _ in 0..<rng.int(1...2) {
            let type = tekun ? rng.pick([("照料服务", 60), ("心理疏导", 20), ("志愿服务", 20)])
                : rng.pick([("技能培训", 35), ("就业指导", 25), ("心理疏导", 12), ("创业扶持", 5), ("志愿服务", 8), ("其他", 5)])
            let startMonth = windowStart.adding(months: rng.int(-3...(options.months - 1)))
            let started = CivilDate(year: startMonth.year, month: startMonth.month, day: rng.int(1...28))!
            guard used.insert(type + started.description).inserted else { continue }
            let ended = started.adding(days: rng.int(20...120))
            let finished = ended <= exportDay
            let outcome: String = !finished ? "进行中"
                : type == "技能培训" ? rng.pick([("就业", 30), ("创业", 8), ("完成", 45), ("未完成", 17)])
                : type == "创业扶持" ? rng.pick([("创业", 50), ("完成", 30), ("未完成", 20)])
                : rng.pick([("完成", 90), ("未完成", 10)])
            let provider: (String, String) = switch type {
            case "技能培训": rng.pick([("原州区职业技能培训中心", "政府"), ("固原市六盘山职业技能培训学校", "企业")])
            case "就业指导", "创业扶持": ("原州区公共就业服务中心", "政府")
            case "心理疏导", "照料服务": rng.pick([("原州区社会工作服务站", "社会组织"), ("固原市阳光社会工作服务中心", "社会组织")])
            case "志愿服务": ("原州区志愿者协会", "志愿者")
            default: ("原州区民政局", "政府")
            }
            out.services.append([id, type, provider.0, provider.1, started.description,
                                 finished ? ended.description : "", outcome,
                                 finished && rng.chance(0.8) ? String(rng.pick([(5, 45), (4, 35), (3, 15), (2, 4), (1, 1)])) : ""])
        }
    }

    /// 16 verifiers (3 of them certified social workers) and two managers.
    func staff(_ rng: inout SplitMix64, into out: inout Output) {
        let certificates = ["社会工作师", "助理社会工作师", "社会工作师"]
        for n in 1...18 {
            let role = n <= 16 ? "核查员" : "管理"
            let certified = n <= 3
            let year = options.endMonth.year - rng.int(1...6)
            out.staff.append([String(format: "YZMZ%03d", n), DemoNames.name(&rng), role,
                              certified ? certificates[n - 1] : "无",
                              certified ? CivilDate(year: year, month: rng.int(6...12), day: rng.int(1...28))!.description : "",
                              String(rng.int(8...60))])
        }
    }

    /// Monthly pushes from four departments, a few findings per thousand dibao households each.
    func matches(_ dibao: [(id: String, township: Int)], rng: inout SplitMix64, into out: inout Output) {
        guard !dibao.isEmpty else { return }
        let departments: [(String, [String])] = [
            ("人社", ["新增就业登记", "领取养老金"]), ("公安", ["死亡注销户口", "户口迁出"]),
            ("不动产", ["新增不动产登记"]), ("车管", ["新增机动车登记"]),
        ]
        for offset in 0..<options.months {
            let month = windowStart.adding(months: offset)
            for (department, findings) in departments {
                let batch = "\(month.year)\(month.month < 10 ? "0" : "")\(month.month)-\(department)"
                let pushed = CivilDate(year: month.year, month: month.month, day: rng.int(3...8))!
                var used = Set<String>()
                for _ in 0..<max(1, dibao.count * 3 / 1000) {
                    let household = rng.pick(dibao).id
                    let finding = rng.pick(findings)
                    guard used.insert(household + finding).inserted else { continue }
                    let resolved = pushed.adding(days: rng.pick([(rng.int(3...30), 85), (rng.int(31...60), 15)]))
                    let done = resolved <= exportDay
                    out.matches.append([batch, department, household, finding, pushed.description,
                                        done ? rng.pick([("属实", 25), ("不属实", 75)]) : "待核查",
                                        done ? resolved.description : ""])
                }
            }
        }
    }

    func complaints(_ households: [[String]], rng: inout SplitMix64, into out: inout Output) {
        let categories: [(String, Int)] = [("应保未保", 15), ("错保", 10), ("发放时限", 18), ("发放金额", 12),
                                           ("工作作风", 10), ("违纪违规", 5), ("政策咨询", 25), ("其他", 5)]
        let summaries: [String: [String]] = [
            "应保未保": ["反映家庭收入低、生活困难，申请低保未获批准，要求复核", "反映家中老人无人照料，咨询特困供养认定进展"],
            "错保": ["反映本村有家庭经济条件较好仍享受低保", "举报有人隐瞒收入享受救助"],
            "发放时限": ["反映本月救助金未按时到账", "反映临时救助审批时间过长"],
            "发放金额": ["反映低保金额与公示金额不一致", "对救助金额核算有疑问，要求说明"],
            "工作作风": ["反映村干部办理救助申请态度生硬", "反映经办人员推诿，多次往返未办结"],
            "违纪违规": ["举报村干部优亲厚友办理低保", "举报经办人员索要好处费"],
            "政策咨询": ["咨询低保申请条件和所需材料", "咨询临时救助申请流程", "咨询医疗救助报销比例"],
            "其他": ["建议简化救助申请材料", "感谢民政干部上门帮扶", "反映其他困难，请求帮助"],
        ]
        let programmes: [(String, Int)] = [("最低生活保障", 60), ("特困人员救助供养", 10), ("临时救助", 15), ("医疗救助", 8), ("", 7)]
        let perMonth = max(1, options.households / 100)
        let townships = YuanzhouGeography.townships
        for offset in 0..<options.months {
            let month = windowStart.adding(months: offset)
            let count = rng.int((perMonth * 8 / 10)...(perMonth * 12 / 10))
            // Complaints in a month are numbered in the order they arrived.
            var arrivals: [(day: Int, minute: Int)] = (0..<count).map { _ in
                (rng.int(1...CivilDate.daysIn(year: month.year, month: month.month)), rng.int(8 * 60...(18 * 60 - 1)))
            }
            arrivals.sort { ($0.day, $0.minute) < ($1.day, $1.minute) }
            for (n, arrival) in arrivals.enumerated() {
                let number = String(format: "TS-%04d%02d-%04d", month.year, month.month, n + 1)
                let received = CivilDate(year: month.year, month: month.month, day: arrival.day)!
                let category = rng.pick(categories)
                let type: String = switch category {
                case "政策咨询": "咨询"
                case "错保", "违纪违规": rng.pick([("举报", 70), ("投诉", 30)])
                case "其他": rng.pick([("建议", 40), ("表扬", 30), ("求助", 30)])
                default: rng.pick([("投诉", 80), ("求助", 20)])
                }
                let t = rng.int(0...(townships.count - 1))
                let household = rng.chance(0.5) && !households[t].isEmpty ? rng.pick(households[t]) : ""
                let anonymous = rng.chance(0.3)
                let days = rng.pick([(rng.int(2...40), 80), (rng.int(41...60), 14), (rng.int(61...80), 6)])
                let closed = received.adding(days: days)
                let isClosed = closed <= exportDay
                out.complaints.append([
                    number, "\(received) \(DemoIdentifiers.clock(arrival.minute))",
                    rng.pick([("监督电话", 45), ("12345转办", 30), ("来信", 5), ("来访", 12), ("网上", 8)]),
                    type, category, rng.pick(programmes), household, townships[t].name,
                    rng.pick(summaries[category]!),
                    anonymous ? "" : DemoNames.name(&rng), anonymous ? "" : DemoIdentifiers.mobile(&rng), anonymous ? "是" : "否",
                    isClosed ? "\(closed) \(DemoIdentifiers.clock(rng.int(9 * 60...(17 * 60))))" : "",
                    isClosed ? rng.pick([("满意", 60), ("基本满意", 20), ("不满意", 8), ("未评价", 12)]) : "",
                ])
            }
        }
    }
}
