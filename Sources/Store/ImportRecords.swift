import GongkaiCore

/// A validated row of one import file, ready to upsert: its table, key and value columns.
protocol ImportRecord {
    static var table: String { get }
    static var keyColumns: [String] { get }
    static var valueColumns: [String] { get }
    var line: Int { get }
    var keyValues: [SQLValue] { get }
    var otherValues: [SQLValue] { get }
}

struct HouseholdRecord: ImportRecord {
    static let table = "household"
    static let keyColumns = ["household_id"]
    static let valueColumns = ["township", "village", "head_name", "head_id_number", "phone", "household_size", "area"]
    let line: Int
    let id: String, township: String, village: String, headName: String, headID: IDNumber
    let phone: String?, size: Int, area: String

    var keyValues: [SQLValue] { [id.sqlValue] }
    var otherValues: [SQLValue] {
        [township.sqlValue, village.sqlValue, headName.sqlValue, headID.value.sqlValue,
         phone.sqlValue, size.sqlValue, area.sqlValue]
    }

    init?(_ r: inout FieldReader) {
        line = r.line
        let id = r.ownHouseholdKey("household_id"), township = r.township("township"), village = r.text("village")
        let name = r.personName("head_name"), idNumber = r.idNumber("head_id_number"), phone = r.phone("phone")
        let size = r.integer("household_size", in: 1...30), area = r.code("area", in: Codelist.area)
        guard let id, let township, let village, let name, let idNumber, let size, let area else { return nil }
        self.id = id; self.township = township; self.village = village; self.headName = name
        self.headID = idNumber; self.phone = phone; self.size = size; self.area = area
    }
}

struct EnrolmentRecord: ImportRecord {
    static let table = "enrolment"
    static let keyColumns = ["household_id", "programme", "start_month_index"]
    static let valueColumns = ["category", "covered_persons", "amount_fen", "frequency", "applied_on", "applied_day",
                               "approved_on", "approved_day", "approved_month_index", "start_month",
                               "stop_month", "stop_month_index", "exit_reason", "reason", "township"]
    let line: Int
    /// The household's township, filled in by the import before writing (indicators read it).
    var township = ""
    let householdID: String, programme: Programme, category: String?, persons: Int, amount: Money
    let frequency: Frequency, applied: CivilDate, approved: CivilDate, start: YearMonth, stop: YearMonth?
    let exitReason: String?, reason: String?

    var keyValues: [SQLValue] { [householdID.sqlValue, programme.code.sqlValue, start.index.sqlValue] }
    var otherValues: [SQLValue] {
        [category.sqlValue, persons.sqlValue, amount.fen.sqlValue,
         (frequency == .monthly ? "monthly" : "one_off").sqlValue,
         applied.description.sqlValue, applied.dayNumber.sqlValue,
         approved.description.sqlValue, approved.dayNumber.sqlValue, approved.yearMonth.index.sqlValue,
         start.description.sqlValue, (stop?.description).sqlValue, stop?.index.sqlValue ?? .null,
         exitReason.sqlValue, reason.sqlValue, township.sqlValue]
    }

    var span: Range<Int> { Self.months(start: start.index, stop: stop?.index, oneOff: frequency == .oneOff) }

    /// The months an enrolment pays for, as a half-open range of month indexes: a one-off
    /// enrolment occupies its start month only; an ongoing one runs to the end of time. Any
    /// integers give a range (empty when the stop is not after the start), so an enrolment read
    /// back from an edited database cannot trap.
    static func months(start: Int, stop: Int?, oneOff: Bool) -> Range<Int> {
        let end = oneOff ? (start == Int.max ? start : start + 1) : (stop ?? Int.max)
        return start..<max(start, end)
    }

    init?(_ r: inout FieldReader) {
        line = r.line
        let household = r.householdKey("household_id"), programme = r.programme("programme")
        let category = r.text("category", required: false)
        let persons = r.integer("covered_persons", in: 1...30), amount = r.money("amount")
        let frequency = r.code("frequency", in: [Frequency.monthly.rawValue, Frequency.oneOff.rawValue]).flatMap(Frequency.init(rawValue:))
        let applied = r.date("applied_on"), approved = r.date("approved_on")
        let start = r.month("start_month"), stop = r.month("stop_month", required: false)
        let exitReason = r.code("exit_reason", in: Codelist.exitReason, required: false)
        let reason = r.code("reason", in: Codelist.temporaryReason, required: false)
        if let applied, let approved, approved < applied {
            r.fail("approved_on", "审批日期 \(approved) 早于申请日期 \(applied)")
        }
        if let start, let stop, stop < start {
            r.fail("stop_month", "停保月份 \(stop) 早于起始月份 \(start)")
        }
        if stop == nil, exitReason != nil {
            r.fail("exit_reason", "有退出原因就须有停保月份")
        }
        guard let household, let programme, let persons, let amount, let frequency, let applied, let approved,
              let start, approved >= applied, stop.map({ $0 >= start }) ?? true, stop != nil || exitReason == nil
        else { return nil }
        self.householdID = household; self.programme = programme; self.category = category
        self.persons = persons; self.amount = amount; self.frequency = frequency
        self.applied = applied; self.approved = approved; self.start = start; self.stop = stop
        self.exitReason = exitReason; self.reason = reason
    }
}

struct PaymentRecord: ImportRecord {
    static let table = "payment"
    static let keyColumns = ["household_id", "programme", "month_index"]
    static let valueColumns = ["month", "amount_fen", "paid_on", "paid_day", "township"]
    let line: Int
    /// The household's township, filled in by the import before writing (indicators read it).
    var township = ""
    let householdID: String, programme: Programme, month: YearMonth, amount: Money, paidOn: CivilDate

    var keyValues: [SQLValue] { [householdID.sqlValue, programme.code.sqlValue, month.index.sqlValue] }
    var otherValues: [SQLValue] {
        [month.description.sqlValue, amount.fen.sqlValue, paidOn.description.sqlValue,
         paidOn.dayNumber.sqlValue, township.sqlValue]
    }

    init?(_ r: inout FieldReader) {
        line = r.line
        let household = r.householdKey("household_id"), programme = r.programme("programme"), month = r.month("month")
        let amount = r.money("amount"), paidOn = r.date("paid_on")
        guard let household, let programme, let month, let amount, let paidOn else { return nil }
        householdID = household; self.programme = programme; self.month = month; self.amount = amount; self.paidOn = paidOn
    }
}

struct ServiceRecord: ImportRecord {
    static let table = "service"
    static let keyColumns = ["household_id", "service_type", "started_on"]
    static let valueColumns = ["provider", "provider_kind", "started_day", "ended_on", "ended_day", "outcome", "satisfaction"]
    let line: Int
    let householdID: String, type: String, provider: String, providerKind: String
    let started: CivilDate, ended: CivilDate?, outcome: String?, satisfaction: Int?

    var keyValues: [SQLValue] { [householdID.sqlValue, type.sqlValue, started.description.sqlValue] }
    var otherValues: [SQLValue] {
        [provider.sqlValue, providerKind.sqlValue, started.dayNumber.sqlValue,
         (ended?.description).sqlValue, ended?.dayNumber.sqlValue ?? .null, outcome.sqlValue, satisfaction.sqlValue]
    }

    init?(_ r: inout FieldReader) {
        line = r.line
        let household = r.householdKey("household_id"), type = r.code("service_type", in: Codelist.serviceType)
        let provider = r.text("provider"), kind = r.code("provider_kind", in: Codelist.providerKind)
        let started = r.date("started_on"), ended = r.date("ended_on", required: false)
        let outcome = r.code("outcome", in: Codelist.serviceOutcome, required: false)
        let satisfaction = r.integer("satisfaction", in: 1...5, required: false)
        if let started, let ended, ended < started { r.fail("ended_on", "结束日期 \(ended) 早于开始日期 \(started)") }
        guard let household, let type, let provider, let kind, let started, ended.map({ $0 >= started }) ?? true else { return nil }
        householdID = household; self.type = type; self.provider = provider; providerKind = kind
        self.started = started; self.ended = ended; self.outcome = outcome; self.satisfaction = satisfaction
    }
}

struct StaffRecord: ImportRecord {
    static let table = "staff"
    static let keyColumns = ["staff_id"]
    static let valueColumns = ["name", "role", "certificate", "certified_on", "training_hours"]
    let line: Int
    let id: String, name: String, role: String, certificate: String, certifiedOn: CivilDate?, trainingHours: Int?

    var keyValues: [SQLValue] { [id.sqlValue] }
    var otherValues: [SQLValue] {
        [name.sqlValue, role.sqlValue, certificate.sqlValue,
         (certifiedOn?.description).sqlValue, trainingHours.sqlValue]
    }

    init?(_ r: inout FieldReader) {
        line = r.line
        let id = r.text("staff_id"), name = r.personName("name"), role = r.code("role", in: Codelist.staffRole)
        let certificate = r.code("certificate", in: Codelist.certificate)
        let certifiedOn = r.date("certified_on", required: false)
        let hours = r.integer("training_hours", in: 0...2000, required: false)
        guard let id, let name, let role, let certificate else { return nil }
        self.id = id; self.name = name; self.role = role; self.certificate = certificate
        self.certifiedOn = certifiedOn; self.trainingHours = hours
    }
}

struct MatchRecord: ImportRecord {
    static let table = "data_match"
    static let keyColumns = ["batch", "household_id", "finding"]
    static let valueColumns = ["department", "pushed_on", "pushed_day", "pushed_month_index", "result", "resolved_on", "resolved_day"]
    let line: Int
    let batch: String, department: String, householdID: String, finding: String
    let pushed: CivilDate, result: String, resolved: CivilDate?

    var keyValues: [SQLValue] { [batch.sqlValue, householdID.sqlValue, finding.sqlValue] }
    var otherValues: [SQLValue] {
        [department.sqlValue, pushed.description.sqlValue, pushed.dayNumber.sqlValue,
         pushed.yearMonth.index.sqlValue, result.sqlValue,
         (resolved?.description).sqlValue, resolved?.dayNumber.sqlValue ?? .null]
    }

    init?(_ r: inout FieldReader) {
        line = r.line
        let batch = r.text("batch"), department = r.code("department", in: Codelist.department)
        let household = r.householdKey("household_id"), finding = r.text("finding"), pushed = r.date("pushed_on")
        let result = r.code("result", in: Codelist.matchResult), resolved = r.date("resolved_on", required: false)
        if let pushed, let resolved, resolved < pushed {
            r.fail("resolved_on", "处理日期 \(resolved) 早于推送日期 \(pushed)")
        }
        guard let batch, let department, let household, let finding, let pushed, let result,
              resolved.map({ $0 >= pushed }) ?? true else { return nil }
        self.batch = batch; self.department = department; householdID = household; self.finding = finding
        self.pushed = pushed; self.result = result; self.resolved = resolved
    }
}

struct ComplaintLogRecord: ImportRecord {
    static let table = "complaint"
    static let keyColumns = ["complaint_id"]
    static let valueColumns = ["received_at", "received_day", "received_month_index", "channel", "type", "category",
                               "programme", "household_id", "township", "summary", "caller_name", "caller_phone",
                               "caller_phone_digest", "anonymous", "closed_at", "closed_day", "closed_month_index", "satisfaction",
                               "status", "due_on", "due_day", "due_provisional", "acknowledged_on", "acknowledged_day"]
    let line: Int
    let id: String, received: FieldReader.Minute, channel: String, type: String, category: String
    let programme: Programme?, householdID: String?, township: String?, summary: String
    let callerName: String?, callerPhone: String?, anonymous: Bool, closed: FieldReader.Minute?, satisfaction: String?
    /// Status and conclusion deadline from the desk's rules, filled in by the importer.
    var schedule: HistoricalComplaint?
    /// The caller's identity sealed with the office's key, filled in by the importer: it is never
    /// written in clear.
    var sealedCaller = SealedCaller.none
    var hasCaller: Bool { callerName != nil || callerPhone != nil }

    var receivedDate: CivilDate { received.date }
    var closedDate: CivilDate? { closed?.date }

    /// The longest sequence part of a number in the desk's own form TS-YYYYMM-N: the desk numbers the
    /// next complaint of a month after the highest, so a longer one would leave it no number.
    static let deskSequenceDigits = 8

    var keyValues: [SQLValue] { [id.sqlValue] }
    var otherValues: [SQLValue] {
        [received.text.sqlValue, receivedDate.dayNumber.sqlValue, receivedDate.yearMonth.index.sqlValue,
         channel.sqlValue, type.sqlValue, category.sqlValue, (programme?.code).sqlValue,
         householdID.sqlValue, township.sqlValue, summary.sqlValue, sealedCaller.name.sqlValue, sealedCaller.phone.sqlValue,
         sealedCaller.phoneDigest.sqlValue, anonymous.sqlValue, (closed?.text).sqlValue, closedDate?.dayNumber.sqlValue ?? .null,
         closedDate?.yearMonth.index.sqlValue ?? .null, satisfaction.sqlValue,
         (schedule?.status.rawValue).sqlValue, (schedule?.due.day.description).sqlValue,
         schedule?.due.day.dayNumber.sqlValue ?? .null, (schedule?.due.isProvisional ?? false).sqlValue,
         // The log holds accepted calls: the caller was told on the day of receipt.
         receivedDate.description.sqlValue, receivedDate.dayNumber.sqlValue]
    }

    init?(_ r: inout FieldReader) {
        line = r.line
        let id = r.text("complaint_id"), received = r.timestamp("received_at")
        let channel = r.code("channel", in: Codelist.complaintChannel), type = r.code("type", in: Codelist.complaintType)
        let category = r.code("category", in: Codelist.complaintCategory)
        let programme = r.programme("programme", required: false), household = r.householdKey("household_id", required: false)
        let township = r.township("township", required: false), summary = r.text("summary", multiline: true)
        let name = r.personName("caller_name", required: false), phone = r.phone("caller_phone")
        let anonymous = r.code("anonymous", in: Codelist.yesNo, required: false) == "是"
        let closed = r.timestamp("closed_at", required: false)
        let satisfaction = r.code("satisfaction", in: Codelist.satisfaction, required: false)
        if anonymous && (name != nil || phone != nil) {
            r.fail("anonymous", "匿名投诉不能带有来电人的姓名或电话")
        }
        if let received, let closed, closed.text < received.text {
            r.fail("closed_at", "办结时间 \(closed.text) 早于受理时间 \(received.text)")
        }
        let numberProblem = id.flatMap(Self.deskNumberProblem)
        if let numberProblem { r.fail("complaint_id", numberProblem) }
        guard let id, let received, let channel, let type, let category, let summary, numberProblem == nil,
              !(anonymous && (name != nil || phone != nil)), closed.map({ $0.text >= received.text }) ?? true else { return nil }
        self.id = id; self.received = received; self.channel = channel; self.type = type; self.category = category
        self.programme = programme; householdID = household; self.township = township; self.summary = summary
        callerName = name; callerPhone = phone; self.anonymous = anonymous; self.closed = closed
        self.satisfaction = satisfaction
    }
}

extension ComplaintLogRecord {
    /// Why a number in the desk's form (TS-YYYYMM-…) is refused: its sequence part must be 1 to
    /// `deskSequenceDigits` digits. Numbers in any other form are the office's own and are kept.
    static func deskNumberProblem(_ id: String) -> String? {
        let bytes = Array(id.utf8)
        let digit = { (b: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
        guard bytes.count >= 10, bytes.starts(with: Array("TS-".utf8)), bytes[3..<9].allSatisfy(digit),
              bytes[9] == UInt8(ascii: "-") else { return nil }
        let sequence = bytes[10...]
        guard sequence.isEmpty || !sequence.allSatisfy(digit) || sequence.count > deskSequenceDigits else { return nil }
        return "'\(id)' 形如受理台的 TS-YYYYMM-NNNN，但月份之后的序号不是 1 至 \(deskSequenceDigits) 位数字：请在源系统中更正"
    }
}
