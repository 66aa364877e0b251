import Accounts
import Desk
import Foundation
import GongkaiCore
import GRDB
@testable import Store
import StoreTestSupport
import Testing

let templatesPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates").path

/// A new store on `backend` (SQLite in memory, or a new PostgreSQL database), the desk's accounts,
/// and desks whose clocks stand at given Beijing times.
///
/// The accounts: 马丽 (ma.li), the centre's 督办 and 登记员; 张华 (zhang.hua), a 登记员 who makes the
/// centre's callbacks; and for every township one 承办人 (cb.<township code>, "<township>承办人"), plus
/// 李明 (li.ming), a second 承办人 of 三营镇. `step` takes each step as the account whose step it is.
struct DeskFixture {
    let store: StoreDatabase
    let schedule: ComplaintSchedule
    let templates = templatesPath
    let centre: Account
    let callbacks: Account
    let liMing: Account
    let handlers: [String: Account]

    init(_ backend: TestBackend) async throws {
        store = try await backend.store()
        schedule = try ComplaintSchedule.load(templates: templatesPath)
        for id in ["H1", "H2"] {
            try store.session(readOnly: false) { session in
                try session.execute("""
                    INSERT INTO household (household_id, township, village, head_name, head_id_number, household_size, area)
                    VALUES (?, '三营镇', '三营村', '户主', '640402199001011234', 3, '农村')
                    """, id)
            }
        }
        let accounts = AccountStore(store: store, policy: .forTestsOnly(bcryptCost: 4), townships: schedule.townships,
                                    clock: .fixed(Date(timeIntervalSince1970: 1_780_000_000)))
        let admin = AuditActor(login: "cli:test", source: "cli")
        func add(_ login: String, _ name: String, _ roles: Set<Role>, unit: String? = nil) throws -> Account {
            try accounts.addUser(login: login, displayName: name, roles: roles, unit: unit, initialPassword: "Desk-test-9x", by: admin)
        }
        centre = try add("ma.li", "马丽", [.supervisor, .intake])
        callbacks = try add("zhang.hua", "张华", [.intake])
        liMing = try add("li.ming", "李明", [.handler], unit: "三营镇")
        var handlers: [String: Account] = [:]
        for township in schedule.townships.all {
            handlers[township.name] = try add("cb.\(township.code)", "\(township.name)承办人", [.handler], unit: township.name)
        }
        self.handlers = handlers
    }

    /// The desk's schedule once templates/calendar/2027.toml is added, with one holiday from `first`
    /// to `last` (the shipped calendars copied to a temporary folder, removed when the schedule is made).
    func scheduleWith2027(holiday first: String, through last: String) throws -> ComplaintSchedule {
        let templates = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-calendar-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: templates) }
        try FileManager.default.copyItem(at: URL(fileURLWithPath: self.templates).appendingPathComponent("calendar"),
                                         to: templates.appendingPathComponent("calendar"))
        try """
        year = 2027
        adjusted_working_days = []

        [[holiday]]
        name = "测试假日"
        first = \(first)
        last = \(last)
        """.write(to: templates.appendingPathComponent("calendar/2027.toml"), atomically: true, encoding: .utf8)
        return ComplaintSchedule(settings: schedule.settings, calendar: try WorkCalendar.load(templates: templates.path),
                                 townships: schedule.townships)
    }

    /// Runs a statement of the test's own (a row as an import or an older version left it) on the
    /// store's database, in a transaction of its own.
    func sql(_ statement: String, _ arguments: any SQLArgument...) throws {
        try store.session(readOnly: false) { try $0.execute(statement, arguments.map(\.sqlValue)) }
    }

    /// The first column of a query's rows.
    func column(_ statement: String, _ arguments: any SQLArgument...) throws -> [String] {
        try store.session(readOnly: true) { try $0.rows(statement, arguments.map(\.sqlValue)).compactMap { $0.optional($0.columns[0]) } }
    }

    func at(_ minute: String) -> ComplaintDesk {
        ComplaintDesk(store: store, schedule: schedule, clock: .fixed(ChinaTime.parseMinute(minute)!),
                      identity: try? CallerIdentityCipher(secret: Data(repeating: 7, count: 32)))
    }

    @discardableResult
    func add(_ receivedAt: String, _ type: String, _ category: String, programme: String? = nil,
             household: String? = nil, township: String? = nil, anonymous: Bool = false, pin: Bool = false) throws -> ComplaintDesk.Intake {
        var random = SystemRandomNumberGenerator()
        let intake = ComplaintIntake(receivedAt: receivedAt, channel: "监督电话", type: type, category: category,
                                     programme: programme, householdId: household, township: township,
                                     summary: "测试", callerName: anonymous ? nil : "王小二",
                                     callerPhone: anonymous ? nil : "13909541234", anonymous: anonymous)
        return try at(receivedAt).add(intake, by: .account(centre), issuePIN: pin, source: "test", random: &random)
    }

    /// The account whose step `action` is on complaint `id`: the centre's callbacks by 张华; a reply,
    /// 退单 or extension request by the 承办人 of the complaint's township once it is dispatched (the
    /// 督办 answers one not dispatched: 接诉即办); everything else by the 督办 马丽.
    func actor(_ action: ComplaintAction, on id: String) throws -> DeskActor {
        switch action {
        case .callback: return .account(callbacks)
        case .reply, .sendBack, .extendRequest:
            let record = try #require(try store.complaint(id: id))
            guard record.assignedUnit != nil || action != .reply, let township = record.township else { return .account(centre) }
            if record.assignedHandler == liMing.displayName { return .account(liMing) }
            return .account(try #require(handlers[township]))
        default: return .account(centre)
        }
    }

    func step(_ minute: String, _ action: ComplaintAction, _ id: String,
              _ details: ComplaintDesk.StepDetails = .init()) throws {
        try at(minute).perform(action, on: id, by: try actor(action, on: id), details: details)
    }
}

@Suite struct ComplaintDeskTests {
    @Test(arguments: TestBackend.allCases) func numbersAreSequentialPerMonthAfterImportedOnes(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        #expect(try f.add("2026-10-08 10:00", "投诉", "其他").id == "TS-202610-0001")
        #expect(try f.add("2026-10-09 10:00", "投诉", "其他").id == "TS-202610-0002")
        #expect(try f.add("2026-09-30 10:00", "投诉", "其他").id == "TS-202609-0001")
        // An imported historical number is taken into account.
        try f.sql("""
            INSERT INTO complaint (complaint_id, received_at, received_day, received_month_index, channel, type,
                category, summary, status) VALUES ('TS-202610-0041', '2026-10-01 08:00', 0, 0, '来信', '投诉', '其他', '旧', '办结')
            """)
        #expect(try f.add("2026-10-20 10:00", "投诉", "其他").id == "TS-202610-0042")
    }

    @Test(arguments: TestBackend.allCases) func extensionIsOnceAndAtMost30DaysWithAReason(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-08-02 10:00", "投诉", "其他").id
        #expect(try f.store.complaint(id: id)?.dueOn == "2026-10-08")
        try f.step("2026-08-03 09:00", .accept, id)
        #expect(throws: DeskError.extensionTooLong(days: 31, max: 30)) {
            try f.step("2026-08-04 09:00", .extend, id, .init(days: 31, reason: "核查"))
        }
        #expect(throws: DeskError.reasonRequired(action: .extend)) {
            try f.step("2026-08-04 09:00", .extend, id, .init(days: 10))
        }
        try f.step("2026-08-04 09:00", .extend, id, .init(days: 30, reason: "跨部门核查"))
        // 2026-10-08 + 30 = 11-07, a Saturday → Monday 11-09.
        #expect(try f.store.complaint(id: id)?.dueOn == "2026-11-09")
        #expect(throws: DeskError.extensionAlreadyUsed(id: id)) {
            try f.step("2026-08-05 09:00", .extend, id, .init(days: 5, reason: "再延"))
        }
    }

    @Test(arguments: TestBackend.allCases) func returnOnlyWithinFiveWorkingDays(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        // Received Monday 10-05 (国庆): working days 10-08, 10-09, 10-10 (调休), 10-12, 10-13.
        let late = try f.add("2026-10-05 10:00", "建议", "其他").id
        #expect(throws: DeskError.periodOver(id: late, action: .return, limit: .workdays(5), deadline: CivilDate(parsing: "2026-10-13")!)) {
            try f.step("2026-10-14 09:00", .return, late, .init(reason: "非本部门职责"))
        }
        try f.step("2026-10-13 17:00", .return, late, .init(reason: "非本部门职责"))
        #expect(try f.store.complaint(id: late)?.status == "退回")
    }

    @Test(arguments: TestBackend.allCases) func reopenWithin30DaysOfTheReplyAndOnlyOnce(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-09-01 10:00", "投诉", "其他", anonymous: true).id
        try f.step("2026-09-01 11:00", .accept, id)
        try f.step("2026-09-02 11:00", .reply, id)
        try f.step("2026-09-02 12:00", .close, id)
        // 09-02 + 30 = 10-02, inside 国庆 → 10-08.
        #expect(throws: DeskError.periodOver(id: id, action: .reopen, limit: .days(30), deadline: CivilDate(parsing: "2026-10-08")!)) {
            try f.step("2026-10-09 09:00", .reopen, id)
        }
        try f.step("2026-10-08 09:00", .reopen, id)
        let reopened = try #require(try f.store.complaint(id: id))
        #expect(reopened.status == "复查" && reopened.closedAt == nil && reopened.dueOn == "2026-11-09")
        try f.step("2026-10-09 09:00", .reply, id)
        try f.step("2026-10-09 10:00", .close, id)
        #expect(throws: DeskError.reopenAlreadyUsed(id: id)) { try f.step("2026-10-10 09:00", .reopen, id) }
    }

    @Test(arguments: TestBackend.allCases) func eventsAreAppendOnly(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-09-01 10:00", "投诉", "其他").id
        try f.step("2026-09-01 11:00", .accept, id)
        #expect(try f.store.complaintEvents(id: id).map(\.action) == ["add", "accept"])
        for statement in ["UPDATE complaint_event SET note = 'x'", "DELETE FROM complaint_event"]
            + (backend == .postgres ? ["TRUNCATE complaint_event CASCADE"] : []) {
            let error = #expect(throws: (any Error).self, "\(statement)") { try f.sql(statement) }
            switch backend {
            case .sqlite: #expect(error is DatabaseError)
            case .postgres: #expect(error is StoreError)
            }
            #expect("\(error.map { $0 } as Any)".contains("append-only"), "refused by the trigger: \(statement)")
        }
        #expect(try f.store.complaintEvents(id: id).count == 2)
    }

    @Test(arguments: TestBackend.allCases) func refusedStepLeavesNoTrace(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-09-01 10:00", "投诉", "其他").id
        #expect(throws: DeskError.self) { try f.step("2026-09-01 11:00", .close, id) }
        #expect(throws: DeskError.notPermitted(account: "张华", what: "对 \(id) 受理")) {
            try f.at("2026-09-01 11:00").perform(.accept, on: id, by: .account(f.callbacks))
        }
        #expect(try f.store.complaintEvents(id: id).count == 1)
        #expect(try f.store.complaint(id: id)?.status == "登记")
    }

    /// An account's display name goes into the history; the system records its steps as 系统 and
    /// is bound by the workflow only.
    @Test(arguments: TestBackend.allCases) func theHistoryNamesTheAccountOrTheSystem(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-09-01 10:00", "投诉", "其他").id
        try f.at("2026-09-01 11:00").perform(.accept, on: id, by: .account(f.centre))
        #expect(try f.store.complaintEvents(id: id).last?.handler == "马丽")
        try f.at("2026-09-01 12:00").perform(.supervise, on: id, by: .system)
        #expect(try f.store.complaintEvents(id: id).last?.handler == "系统")
    }

    @Test(arguments: TestBackend.allCases) func pinLookup(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        var random = SystemRandomNumberGenerator()
        let issued = EnquiryPIN.issue(using: &random)
        #expect(issued.pin.count == 4 && issued.pin.allSatisfy(\.isNumber))
        #expect(EnquiryPIN.matches(pin: issued.pin, salt: issued.salt, hash: issued.hash))
        let added = try f.add("2026-09-01 10:00", "投诉", "其他", pin: true)
        let pin = try #require(added.pin)
        let stored = try #require(try f.store.complaint(id: added.id))
        #expect(stored.pinHash != nil && stored.pinHash != pin && stored.pinSalt != nil)
        #expect(try f.at("2026-09-02 10:00").lookup(id: added.id, pin: pin).status == .registered)
        let wrong = pin == "0000" ? "0001" : "0000"
        #expect(throws: DeskError.pinMismatch) { try f.at("2026-09-02 10:00").lookup(id: added.id, pin: wrong) }
        #expect(throws: DeskError.pinMismatch) { try f.at("2026-09-02 10:00").lookup(id: "TS-209901-0001", pin: pin) }
    }

    @Test(arguments: TestBackend.allCases) func intakeIsCheckedAgainstTheCodeLists(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        #expect(throws: InputError(file: "test", field: "category", reason: "'乱码' 不在可用值之列：应保未保、错保、发放时限、发放金额、工作作风、违纪违规、政策咨询、其他")) {
            try f.add("2026-09-01 10:00", "投诉", "乱码")
        }
        #expect(throws: InputError.self) { try f.add("2026-09-01 10:00", "投诉", "其他", household: "H9") }
        let json = #"{"channel":"来信","type":"举报","category":"错保","summary":"有车","anonymous":"是","caller_name":"某"}"#
        var random = SystemRandomNumberGenerator()
        #expect(throws: InputError(file: "stdin", field: "anonymous", reason: "匿名投诉不能有来电人姓名或电话")) {
            try f.at("2026-09-01 10:00").add(try ComplaintIntake(json: json, source: "stdin"), by: .account(f.centre),
                                             issuePIN: false, source: "stdin", random: &random)
        }
    }

    /// The caller is typed by a clerk with a Chinese input method: full-width digits are the same
    /// phone (stored, matched for repeats and revealed as ASCII digits), and a name is held to the
    /// importer's rule — a space or an invisible character inside is refused, naming the field.
    @Test(arguments: TestBackend.allCases) func aCallersPhoneInFullWidthDigitsIsTheSameNumberAndANameWithAnInvisibleCharacterIsRefused(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        var random = SystemRandomNumberGenerator()
        func intake(name: String?, phone: String?) -> ComplaintIntake {
            ComplaintIntake(receivedAt: "2026-09-01 10:00", channel: "监督电话", type: "投诉", category: "其他",
                            summary: "低保金未到账", callerName: name, callerPhone: phone)
        }
        let fullWidth = intake(name: "王小二", phone: "１３９０９５４１２３４")
        #expect(fullWidth.callerPhone == "13909541234")
        let desk = f.at("2026-09-01 10:00")
        let added = try desk.add(fullWidth, by: .account(f.centre), issuePIN: false, source: "test", random: &random)
        let shown = try desk.show(id: added.id, revealReason: "回访", by: .account(f.centre))
        #expect(shown.caller?.phone == "13909541234" && shown.caller?.name == "王小二")
        #expect(try desk.possibleDuplicates(of: intake(name: nil, phone: "13909541234")).map(\.id) == [added.id])

        for (name, inside) in [("张\u{200B}三", "不可见字符（U+200B）"), ("李 万", "空格"), ("李\u{3000}万", "空格")] {
            #expect(throws: InputError(file: "test", field: "caller_name", reason: "姓名中间含有\(inside)：请去掉后再填写")) {
                try desk.add(intake(name: name, phone: nil), by: .account(f.centre), issuePIN: false, source: "test", random: &random)
            }
        }
        #expect(try desk.add(intake(name: "阿依古丽·买买提", phone: nil), by: .account(f.centre), issuePIN: false, source: "test", random: &random).id
                == "TS-202609-0002", "a middle dot is part of a name")
    }

    /// Issue 23: no open complaint is without a deadline. Received on Sunday 2026-12-20, a 投诉's 60
    /// days (Civil Code) end in 2027, which has no calendar file: counted with weekends only,
    /// 12-20 + 60 days = Thursday 2027-02-18 (11 days to 12-31, 31 in January, 18 in February), a
    /// working day under that rule, so the deadline is 2027-02-18, 暂定. Once the year's file is there
    /// — here a fixture whose holiday runs 02-15 to 02-19 — the sweep counts it again: 02-18 is a day
    /// off, and so are 02-19 and the weekend, so it is Monday 2027-02-22, no longer provisional, and
    /// the history says so. A second sweep changes nothing.
    @Test(arguments: TestBackend.allCases) func aDeadlineBeyondTheCalendarIsProvisionalUntilTheYearIsAdded(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let added = try f.add("2026-12-20 10:00", "投诉", "其他")
        #expect(added.due == Deadline(day: CivilDate(parsing: "2027-02-18")!, isProvisional: true))
        let stored = try #require(try f.store.complaint(id: added.id))
        #expect(stored.dueOn == "2027-02-18" && stored.dueProvisional)
        let view = try f.at("2027-02-17 09:00").show(id: added.id, revealReason: nil, by: .account(f.centre)).view
        #expect(view.dueText == "2027-02-18（暂定）")
        #expect(view.light(on: CivilDate(parsing: "2027-01-04")!, schedule: f.schedule) == .green)
        #expect(view.light(on: CivilDate(parsing: "2027-02-17")!, schedule: f.schedule) == .yellow)
        #expect(view.light(on: CivilDate(parsing: "2027-02-19")!, schedule: f.schedule) == .red)
        let now = try #require(ChinaTime.parseMinute("2026-12-22 09:00"))
        #expect(try f.at("2026-12-22 09:00").settleDeadlines(now: now).isEmpty, "nothing to change while 2027 is missing")

        let schedule = try f.scheduleWith2027(holiday: "2027-02-15", through: "2027-02-19")
        let desk = ComplaintDesk(store: f.store, schedule: schedule, clock: .fixed(now))
        #expect(try desk.settleDeadlines(now: now) == [added.id])
        let settled = try #require(try f.store.complaint(id: added.id))
        #expect(settled.dueOn == "2027-02-22" && !settled.dueProvisional)
        let notes = try f.column("SELECT note FROM complaint_event WHERE complaint_id = ? AND action = 'deadline' AND handler = '系统' ORDER BY id",
                                 added.id)
        #expect(notes == ["办结期限由 2027-02-18（暂定） 改为 2027-02-22（按节假日安排重新计算）"])
        #expect(try desk.settleDeadlines(now: now).isEmpty)
    }
}
