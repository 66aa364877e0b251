import Foundation
import GongkaiCore

/// A small district shaped unlike the 原州区 demo, one per seed, written in the same CSV contract.
///
/// The demo's regular shape (every township busy, every programme paid every month, services that
/// end, complaints that close) hid traps that a real office's data reached at once (issue 9). Each
/// seed draws a window of 3–14 months and plants, in varying places and sizes: a township with
/// households but no recipients, a township of one household, villages of one household, a monthly programme with no recipient in the last month, a month with no
/// payments at all, a service type none of whose services ended, names of one character and of six
/// or more (阿依古丽·买买提), CJK Ext-B characters the installed Noto CJK faces cover, complaints
/// received in years with no holiday calendar (2024, 2027), and in about half the seeds every
/// complaint still open, no staff list or no data matching. Amounts follow templates/standards.toml,
/// except a few payments of the end month planted above their standard (one by a single fen, and the
/// 补发 of arrears, which the check reports too). The same options always give byte-identical files.
public struct OddDistrict: Sendable {
    public struct Options: Sendable {
        public var endMonth: YearMonth
        public var seed: UInt64
        /// The standards the amounts follow (templates/standards.toml).
        public var standards: PaymentStandards

        public init(endMonth: YearMonth, seed: UInt64, standards: PaymentStandards) {
            self.endMonth = endMonth; self.seed = seed; self.standards = standards
        }
    }

    /// What a seed planted: `gongkai demo --shape odd` prints it, and tests choose their months from it.
    public struct Shape: Sendable, Equatable {
        public let firstMonth: YearMonth
        public let endMonth: YearMonth
        public let households: Int
        /// Townships in the order the generator drew them.
        public let townships: [String]
        public let townshipWithoutRecipients: String
        public let singleHouseholdTownship: String
        public let monthWithoutPayments: YearMonth
        /// A monthly programme with recipients earlier (or approved for next month) but none in `endMonth`.
        public let programmeWithoutRecipients: Programme
        /// Services of this type started in the 12 months ending `endMonth`, and none of them ended there.
        public let serviceTypeNeverEnded: String
        public let allComplaintsOpen: Bool
        public let hasStaff: Bool
        public let hasMatches: Bool
        /// The end month's payments above their standard: what `gongkai check` must list.
        public let overStandard: [PlantedFinding]

        /// A few lines for the person who ran the command; the "标签：值" form is stable for scripts.
        public var summary: String {
            """
            特殊形态区县：\(households) 户，\(townships.count) 个乡镇，\(firstMonth) … \(endMonth)
              有发放的月份：\(endMonth)
              没有发放的月份：\(monthWithoutPayments)
              \(endMonth) 没有保障对象的救助项目：\(programmeWithoutRecipients.code)
              没有保障对象的乡镇：\(townshipWithoutRecipients)
              只有一户的乡镇：\(singleHouseholdTownship)
              从未结束的服务类型：\(serviceTypeNeverEnded)
              投诉全部未办结：\(allComplaintsOpen ? "是" : "否")
              \(endMonth) 超标准发放的户：\(overStandard.map(\.householdID).joined(separator: " "))
            """
        }
    }

    public let options: Options
    let allowances: DemoAllowances

    /// Refuses standards that leave a category the district pays without an allowance.
    public init(_ options: Options) throws(InputError) {
        self.options = options
        // The window is at most 14 months; enrolments may be approved for the month after it.
        allowances = try DemoAllowances(options.standards, from: options.endMonth.adding(months: -14),
                                        through: options.endMonth.adding(months: 1))
    }

    /// The export date: the last day of the end month.
    var exportDay: CivilDate { options.endMonth.lastDay }

    public func generate() -> (shape: Shape, files: [(name: String, text: String)]) {
        var rng = SplitMix64(seed: options.seed)
        let end = options.endMonth
        let months = rng.int(3...14)
        let first = end.adding(months: -(months - 1))
        let gap = first.adding(months: rng.int(0...(months - 2)))
        let window = Window(first: first, end: end, withoutPayments: gap)

        let townships = drawTownships(&rng)
        let households = drawHouseholds(townships, rng: &rng)
        var out = YuanzhouDemo.Output(households: households.count)
        var idNumbers = DemoIdentifiers.UniqueIDNumbers()
        for h in households {
            out.households.append([h.id, h.township, h.village, h.name, idNumbers.next(&rng),
                                   rng.chance(0.7) ? DemoIdentifiers.mobile(&rng) : rng.chance(0.5) ? "0954-2031234" : "",
                                   String(h.size), h.urban ? "城市" : "农村"])
        }
        let empty: Programme = rng.chance(0.5) ? .tekun : .employment
        let recipients = households.filter { $0.role != .withoutRecipients }
        enrol(recipients, emptyProgramme: empty, window: window, rng: &rng, into: &out)
        let neverEnded = rng.pick(Codelist.serviceType)
        services(recipients, neverEnded: neverEnded, window: window, rng: &rng, into: &out)
        let hasStaff = rng.chance(0.7), hasMatches = rng.chance(0.7)
        if hasStaff { staff(&rng, into: &out) }
        if hasMatches { matches(recipients, window: window, rng: &rng, into: &out) }
        let allOpen = rng.chance(0.5)
        complaints(households, townships: townships.map(\.name), allOpen: allOpen, window: window, rng: &rng, into: &out)

        let shape = Shape(
            firstMonth: first, endMonth: end, households: households.count, townships: townships.map(\.name),
            townshipWithoutRecipients: townships[0].name, singleHouseholdTownship: townships[1].name,
            monthWithoutPayments: gap,
            programmeWithoutRecipients: empty, serviceTypeNeverEnded: neverEnded, allComplaintsOpen: allOpen,
            hasStaff: hasStaff, hasMatches: hasMatches, overStandard: out.planted)
        return (shape, out.files)
    }

    /// Writes the files into `directory` (created if needed); returns what was planted and the paths.
    public func write(to directory: URL) throws -> (shape: Shape, files: [URL]) {
        let (shape, files) = generate()
        return (shape, try YuanzhouDemo.Output.write(files, to: directory))
    }

    // MARK: - Townships and households

    struct Window {
        let first: YearMonth, end: YearMonth, withoutPayments: YearMonth
        var months: [YearMonth] { (first.index...end.index).map { YearMonth(index: $0) } }
        /// The evaluation report's 12 months ending with the end month.
        var serviceYear: ClosedRange<CivilDate> { end.adding(months: -11).firstDay...end.lastDay }
    }

    struct Township { let name: String; let villages: [String] }

    /// 3–6 of the district's townships (import accepts only those of templates/townships.toml: an
    /// unlisted township is a located refusal, tested with the import). The first has households but
    /// no recipients, the second a single household.
    func drawTownships(_ rng: inout SplitMix64) -> [Township] {
        YuanzhouGeography.townships.shuffled(using: &rng).prefix(rng.int(3...6)).map { Township(name: $0.name, villages: $0.villages) }
    }

    struct Household {
        enum Role { case withoutRecipients, single, ordinary }
        let id: String, township: String, village: String, name: String, size: Int, urban: Bool, role: Role
    }

    func drawHouseholds(_ townships: [Township], rng: inout SplitMix64) -> [Household] {
        var households: [Household] = []
        // One name of each odd kind is given to a recipient, so it reaches the notices.
        var planted: [OddNames.Kind] = OddNames.Kind.allCases.shuffled(using: &rng)
        for (t, township) in townships.enumerated() {
            let role: Household.Role = t == 0 ? .withoutRecipients : t == 1 ? .single : .ordinary
            let count = role == .single ? 1 : role == .withoutRecipients ? rng.int(1...3) : rng.int(2...9)
            // The first household lives alone in its village: single-household cells.
            let lone = rng.pick(township.villages)
            let others = township.villages.filter { $0 != lone }
            for n in 0..<count {
                let village = n == 0 || others.isEmpty ? lone : rng.pick(others)
                let kind = role != .withoutRecipients && !planted.isEmpty ? planted.removeLast() : OddNames.kind(&rng)
                let size = rng.pick([(1, 40), (2, 20), (3, 15), (4, 10), (7, 5)])
                households.append(Household(
                    id: String(format: "OD%04d", households.count + 1), township: township.name, village: village,
                    name: OddNames.name(kind, &rng), size: size,
                    urban: township.name.hasSuffix("街道") || rng.chance(0.1), role: role))
            }
        }
        return households
    }

    // MARK: - Enrolments and payments

    func enrol(_ households: [Household], emptyProgramme: Programme, window: Window, rng: inout SplitMix64,
               into out: inout YuanzhouDemo.Output) {
        let monthly: Programme = emptyProgramme == .tekun ? .employment : .tekun
        var adjustments = 0
        for (n, h) in households.enumerated() {
            // The planted names (the first households) and the lone household are always 低保 recipients.
            if n < OddNames.Kind.allCases.count || h.role == .single || rng.chance(0.7) {
                let persons = rng.int(1...h.size)
                let category = rng.pick(DemoAllowances.dibaoCategories)
                let fen = { (month: YearMonth) in Int64(persons) * allowances.fen(.dibao, urban: h.urban, category, in: month) }
                let start = n < OddNames.Kind.allCases.count || h.role == .single || rng.chance(0.5)
                    ? window.first.adding(months: -rng.int(0...30)) : window.first.adding(months: rng.int(0...window.months.count))
                let stopping = n >= OddNames.Kind.allCases.count && h.role != .single && rng.chance(0.25) && start < window.end
                let stop = stopping ? YearMonth(index: rng.int(max(start.index + 1, window.first.index)...window.end.index)) : nil
                // 补发 in the end month for a few: the notice's 金额调整 list.
                let adjusted = adjustments < 2 && stop == nil && start < window.end.adding(months: -1) && rng.chance(0.3)
                if adjusted { adjustments += 1 }
                monthlyEnrolment(h, .dibao, category: category, persons: persons, fen: fen,
                                 start: start, stop: stop, arrears: adjusted ? Int64(rng.int(1...20)) * 1_000 : 0,
                                 window: window, rng: &rng, into: &out)
            }
            if rng.chance(0.15) {
                let start = window.first.adding(months: rng.int(-6...window.months.count))
                let stop = monthly == .employment ? start.adding(months: 6) : nil
                let category = monthly == .tekun ? rng.pick(DemoAllowances.careLevels) : "公益性岗位补贴"
                monthlyEnrolment(h, monthly, category: category, persons: 1,
                                 fen: { monthly == .tekun ? allowances.fen(.tekun, urban: h.urban, category, in: $0) : 30_000 },
                                 start: start, stop: stop, arrears: 0,
                                 window: window, rng: &rng, into: &out)
            }
            if rng.chance(0.3) { oneOff(h, rng: &rng, window: window, into: &out) }
        }
        // The programme with no recipient this month: paid earlier and stopped (at the latest this
        // month: 停发 with nobody left), or approved this month to start next month.
        let stoppedEarlier = rng.chance(0.5)
        for h in households.shuffled(using: &rng).prefix(rng.int(1...2)) {
            let start = stoppedEarlier ? window.first.adding(months: -rng.int(1...6)) : window.end.adding(months: 1)
            let stop = stoppedEarlier ? YearMonth(index: rng.int(window.first.index...window.end.index)) : nil
            let category = emptyProgramme == .tekun ? "全护理" : "公益性岗位补贴"
            monthlyEnrolment(h, emptyProgramme, category: category, persons: 1,
                             fen: { emptyProgramme == .tekun ? allowances.fen(.tekun, urban: h.urban, category, in: $0) : 30_000 },
                             start: start, stop: stop, arrears: 0,
                             window: window, rng: &rng, into: &out)
        }
    }

    /// A monthly enrolment, approved in the month before it starts, paid `fen` of every month of the
    /// window it covers except the month without payments; `arrears` is added to the end month's
    /// payment. The first two other 低保 payments of the end month are planted above the standard:
    /// by one fen (the boundary) and by 100 yuan.
    func monthlyEnrolment(_ h: Household, _ programme: Programme, category: String, persons: Int, fen: (YearMonth) -> Int64,
                          start: YearMonth, stop: YearMonth?, arrears: Int64, window: Window, rng: inout SplitMix64,
                          into out: inout YuanzhouDemo.Output) {
        let (applied, approved) = approval(in: start.adding(months: -1), rng: &rng)
        let recorded = YearMonth(index: max(min(start.index, window.end.index + 1), min((stop?.index ?? Int.max) - 1, window.end.index)))
        out.enrolments.append([h.id, programme.chineseName, category, String(persons), Money(fen: fen(recorded)).yuan, "按月",
                               applied.description, approved.description, start.description, stop?.description ?? "",
                               stop == nil ? "" : rng.pick(Codelist.exitReason), ""])
        for month in window.months where month >= start && month < (stop ?? window.end.adding(months: 1))
            && month != window.withoutPayments {
            var amount = fen(month)
            if month == window.end, programme == .dibao {
                let planted = out.planted.count(where: { $0.programme == .dibao }) - out.arrearsPlanted
                let extra = arrears > 0 ? arrears : planted == 0 ? 1 : planted == 1 ? 10_000 : 0
                if extra > 0 {
                    amount += extra
                    out.planted.append(PlantedFinding(householdID: h.id, programme: .dibao, kind: .overStandard))
                    if arrears > 0 { out.arrearsPlanted += 1 }
                }
            }
            out.payments.append([h.id, programme.chineseName, month.description, Money(fen: amount).yuan,
                                 paidOn(month, rng: &rng).description])
        }
    }

    /// A one-off grant in a month of the window (unpaid when that is the month without payments).
    func oneOff(_ h: Household, rng: inout SplitMix64, window: Window, into out: inout YuanzhouDemo.Output) {
        var (programme, category, yuan): (Programme, String, Int) = rng.pick([
            ((.temporary, "支出型", rng.int(5...50) * 100), 5), ((.medical, "住院救助", rng.int(10...200) * 100), 2),
            ((.housing, "农村危房改造", 40_000), 1), ((.disaster, "自然灾害生活救助", rng.int(5...30) * 100), 1),
        ])
        let month = rng.pick(window.months)
        if programme == .temporary {  // within the limit, in whole hundreds of yuan
            yuan = min(yuan, Int(allowances.fen(.temporary, urban: h.urban, category, in: month) / 10_000) * 100)
        }
        let (applied, approved) = approval(in: month, rng: &rng)
        let amount = Money(fen: Int64(yuan) * 100).yuan
        out.enrolments.append([h.id, programme.chineseName, category, String(rng.int(1...h.size)), amount, "一次性",
                               applied.description, approved.description, month.description, "", "",
                               programme == .temporary ? rng.pick(Codelist.temporaryReason) : ""])
        if month != window.withoutPayments {
            out.payments.append([h.id, programme.chineseName, month.description, amount, paidOn(month, rng: &rng).description])
        }
    }

    /// Approved on a day of `month`, applied for 3–40 days earlier.
    func approval(in month: YearMonth, rng: inout SplitMix64) -> (applied: CivilDate, approved: CivilDate) {
        let approved = month.firstDay.adding(days: rng.int(0...(CivilDate.daysIn(year: month.year, month: month.month) - 1)))
        return (approved.adding(days: -rng.int(3...40)), approved)
    }

    /// Mostly paid between the 10th and 20th; one in twenty in the first days of the next month.
    func paidOn(_ month: YearMonth, rng: inout SplitMix64) -> CivilDate {
        rng.chance(0.05) ? month.adding(months: 1).firstDay.adding(days: rng.int(1...8))
            : month.firstDay.adding(days: rng.int(9...19))
    }

    // MARK: - Services, staff, matching, complaints

    /// Services of the never-ended type started in the report's 12 months and are still running (or,
    /// for one, ended before those months); the other types start and mostly end inside them.
    func services(_ households: [Household], neverEnded: String, window: Window, rng: inout SplitMix64,
                  into out: inout YuanzhouDemo.Output) {
        let year = window.serviceYear
        func day(in range: ClosedRange<CivilDate>) -> CivilDate {
            range.lowerBound.adding(days: rng.int(0...(range.upperBound.dayNumber - range.lowerBound.dayNumber)))
        }
        var keys = Set<String>()
        func append(_ h: Household, _ type: String, started: CivilDate, ended: CivilDate?, outcome: String, rating: String) {
            guard keys.insert(h.id + type + started.description).inserted else { return }
            out.services.append([h.id, type, "原州区社会救助服务中心", rng.pick(Codelist.providerKind), started.description,
                                 ended?.description ?? "", outcome, rating])
        }
        for h in households.shuffled(using: &rng).prefix(rng.int(1...3)) {
            append(h, neverEnded, started: day(in: year), ended: nil, outcome: rng.pick(["进行中", ""]), rating: "")
        }
        if rng.chance(0.5), let h = households.first {
            let started = year.lowerBound.adding(days: -rng.int(200...400))
            append(h, neverEnded, started: started, ended: started.adding(days: rng.int(10...100)), outcome: "完成", rating: "5")
        }
        let others = Codelist.serviceType.filter { $0 != neverEnded }
        for h in households where rng.chance(0.3) {
            let started = day(in: year)
            let ended = started.adding(days: rng.int(0...90))
            let finished = ended <= year.upperBound
            append(h, rng.pick(others), started: started, ended: finished ? ended : nil,
                   outcome: finished ? rng.pick(["完成", "就业", "创业", "未完成"]) : "进行中",
                   rating: finished && rng.chance(0.7) ? String(rng.int(1...5)) : "")
        }
    }

    func staff(_ rng: inout SplitMix64, into out: inout YuanzhouDemo.Output) {
        for n in 1...rng.int(1...4) {
            let certificate = rng.pick(Codelist.certificate)
            out.staff.append([String(format: "S%02d", n), OddNames.name(OddNames.kind(&rng), &rng), rng.pick(Codelist.staffRole),
                              certificate, certificate == "无" ? "" : "2024-0\(rng.int(1...9))-15",
                              rng.chance(0.7) ? String(rng.int(0...80)) : ""])
        }
    }

    /// A few findings pushed in the end month and the month before, some still unchecked.
    func matches(_ households: [Household], window: Window, rng: inout SplitMix64, into out: inout YuanzhouDemo.Output) {
        var keys = Set<String>()
        for h in households.shuffled(using: &rng).prefix(rng.int(1...4)) {
            let month = rng.chance(0.5) ? window.end : window.end.adding(months: -1)
            let department = rng.pick(Codelist.department)
            let batch = "\(month.year)\(String(format: "%02d", month.month))-\(department)"
            guard keys.insert(batch + h.id).inserted else { continue }
            let pushed = month.firstDay.adding(days: rng.int(2...7))
            let resolved = pushed.adding(days: rng.int(3...45))
            let done = resolved <= exportDay && rng.chance(0.6)
            out.matches.append([batch, department, h.id, "新增不动产登记", pushed.description,
                                done ? rng.pick(["属实", "不属实"]) : "待核查", done ? resolved.description : ""])
        }
    }

    /// 0–2 complaints a month in the window, plus some received in 2024 and 2027 (no holiday calendar
    /// ships for either), numbered per month in order of arrival; closed ones only when `allOpen` is false.
    func complaints(_ households: [Household], townships: [String], allOpen: Bool, window: Window,
                    rng: inout SplitMix64, into out: inout YuanzhouDemo.Output) {
        var days: [CivilDate] = window.months.flatMap { month in
            (0..<rng.int(0...2)).map { _ in month.firstDay.adding(days: rng.int(0...27)) }
        }
        for year in [2024, 2027] {
            for _ in 0..<rng.int(1...2) {
                days.append(YearMonth(index: year * 12 + rng.int(0...2) * 5).firstDay.adding(days: rng.int(0...27)))
            }
        }
        let arrivals = days.map { ($0, rng.int(8 * 60...(18 * 60 - 1))) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var numbers: [YearMonth: Int] = [:]
        for (received, minute) in arrivals {
            let month = received.yearMonth
            numbers[month, default: 0] += 1
            let closed = received.adding(days: rng.int(1...40))
            let isClosed = !allOpen && closed <= exportDay && rng.chance(0.7)
            let anonymous = rng.chance(0.3)
            out.complaints.append([
                String(format: "TS-%04d%02d-%04d", month.year, month.month, numbers[month, default: 0]),
                "\(received) \(DemoIdentifiers.clock(minute))", rng.pick(Codelist.complaintChannel),
                rng.pick(Codelist.complaintType), rng.pick(Codelist.complaintCategory),
                rng.pick(["", "最低生活保障", "特困人员救助供养", "临时救助"]),
                rng.chance(0.5) ? rng.pick(households).id : "", rng.chance(0.8) ? rng.pick(townships) : "",
                rng.pick(["反映救助金未按时到账", "咨询低保申请条件", "举报有人隐瞒收入享受救助", "建议简化申请材料"]),
                anonymous ? "" : OddNames.name(OddNames.kind(&rng), &rng), anonymous ? "" : DemoIdentifiers.mobile(&rng),
                anonymous ? "是" : "否",
                isClosed ? "\(closed) \(DemoIdentifiers.clock(rng.int(9 * 60...(17 * 60))))" : "",
                isClosed ? rng.pick(Codelist.satisfaction) : "",
            ])
        }
    }
}

/// Names at the edges of what a notice must print whole: one character, six or more (with the
/// middle dot of Uyghur names), and CJK Ext-B characters outside the Basic Multilingual Plane.
enum OddNames {
    enum Kind: CaseIterable { case single, long, extensionB }

    static let long = ["阿依古丽·买买提", "买买提江·艾合买提", "努尔比亚·阿不都热西提", "古丽娜尔·艾力", "阿卜杜拉·热合曼", "爱新觉罗恒山"]
    /// Ext-B characters that Noto Serif CJK SC (the body face's fallback) covers: checked with
    /// `fc-list ":charset=20BB7:style=Regular"` for each, since a missing glyph fails the render.
    static let extensionB = Array("𠮷𠀋𠀡𠊎𠺢𡩋𢱑𥔲𧨾𨸏")

    /// An ordinary name four times in five; otherwise one of the odd kinds.
    static func kind(_ rng: inout SplitMix64) -> Kind? {
        rng.chance(0.8) ? nil : rng.pick(Kind.allCases)
    }

    static func name(_ kind: Kind?, _ rng: inout SplitMix64) -> String {
        switch kind {
        case .single: rng.pick(DemoNames.surnames)
        case .long: rng.pick(long)
        case .extensionB: rng.pick(DemoNames.surnames) + String(rng.pick(extensionB)) + String(rng.pick(DemoNames.givenCharacters))
        case nil: DemoNames.name(&rng)
        }
    }
}
