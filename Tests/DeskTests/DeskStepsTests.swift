import Desk
import Foundation
import GongkaiCore
import Store
import StoreTestSupport
import Testing

private func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

/// The later steps of the loop — pause, extension on request, merge, the automatic 督办 and the
/// sign-for deadline — against dates worked out by hand on the 2026 holiday calendar
/// (国庆 10-01…10-07, Saturday 10-10 a working day).
@Suite struct DeskStepsTests {
    /// Received Sunday 2026-08-02, accepted: due 2026-10-08 (60 days end in 国庆, moved on).
    func accepted(_ f: DeskFixture, anonymous: Bool = false) throws -> String {
        let id = try f.add("2026-08-02 10:00", "投诉", "其他", anonymous: anonymous).id
        try f.step("2026-08-03 09:00", .accept, id)
        #expect(try f.store.complaint(id: id)?.dueOn == "2026-10-08")
        return id
    }

    func view(_ f: DeskFixture, _ id: String, on minute: String = "2026-10-01 10:00") throws -> ComplaintView {
        try f.at(minute).show(id: id, revealReason: nil, by: .account(f.centre)).view
    }

    @Test(arguments: TestBackend.allCases) func pauseMovesTheDeadlineByTheWorkingDaysPaused(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try accepted(f)
        try f.step("2026-08-07 16:00", .pause, id, .init(reason: "等待来电人提供银行流水"))
        #expect(try view(f, id).pausedOn == day("2026-08-07"))
        // Paused, only resume, supervise and merge are open.
        #expect(throws: DeskError.self) { try f.step("2026-08-10 09:00", .reply, id) }
        // (Fri 08-07, Mon 08-17]: 08-10…08-14 and 08-17 = 6 working days. 10-08 + 6 working days:
        // 10-09, 10-10 (调休 Saturday), 10-12, 10-13, 10-14, 10-15.
        try f.step("2026-08-17 09:00", .resume, id)
        let resumed = try #require(try f.store.complaint(id: id))
        #expect(resumed.dueOn == "2026-10-15" && resumed.pausedWorkdays == 6 && resumed.pausedDay == nil)
        #expect(try f.store.complaintEvents(id: id).last?.note == "恢复计时: 自 2026-08-07 暂停 6 个工作日，期限顺延至 2026-10-15")
    }

    @Test(arguments: TestBackend.allCases) func aPauseBegunAndEndedTheSameDayCountsNothing(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try accepted(f)
        try f.step("2026-08-20 09:00", .pause, id, .init(reason: "等待回电"))
        try f.step("2026-08-20 15:00", .resume, id)
        #expect(try f.store.complaint(id: id)?.dueOn == "2026-10-08")
        #expect(throws: DeskError.reasonRequired(action: .pause)) { try f.step("2026-08-21 09:00", .pause, id) }
    }

    @Test(arguments: TestBackend.allCases) func aPausedComplaintIsNeitherRedNorYellowNorOverdue(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try accepted(f)
        let running = try accepted(f)
        try f.step("2026-10-08 09:00", .pause, id, .init(reason: "等待来电人补充材料"))
        let paused = try view(f, id, on: "2026-10-12 10:00")
        #expect(!paused.isOverdue(on: day("2026-10-12")) && paused.light(on: day("2026-10-12"), schedule: f.schedule) == nil)
        #expect(try f.at("2026-10-12 10:00").list(.init(overdue: true)).map(\.id) == [running])
        var overdue = ComplaintQuery()
        overdue.queue = .overdue
        #expect(try f.at("2026-10-12 10:00").complaints(overdue).map(\.id) == [running])
        // The month's figures agree with the list: the paused one is not overdue at the month's end.
        #expect(try f.at("2026-11-02 10:00").statistics(month: YearMonth(year: 2026, month: 10)!).overdueAtMonthEnd == 1)
        // (10-08, 10-12]: 10-09, 10-10 (调休), 10-12 = 3 → due 10-12 + … = 10-08 + 3 working days = 10-12.
        try f.step("2026-10-12 09:00", .resume, id)
        let after = try view(f, id, on: "2026-10-12 10:00")
        #expect(after.due == day("2026-10-12"))
        #expect(after.light(on: day("2026-10-12"), schedule: f.schedule) == .yellow)
        #expect(after.light(on: day("2026-10-13"), schedule: f.schedule) == .red)
    }

    @Test(arguments: TestBackend.allCases) func pausesAreCreditedUpToPauseMaxDays(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        var settings = f.schedule.settings
        settings.pauseMaxDays = 2
        let desk = { (minute: String) in
            ComplaintDesk(store: f.store, schedule: ComplaintSchedule(settings: settings, calendar: f.schedule.calendar,
                                                                      townships: f.schedule.townships),
                          clock: .fixed(ChinaTime.parseMinute(minute)!))
        }
        let id = try accepted(f)
        try desk("2026-08-07 16:00").perform(.pause, on: id, by: .account(f.centre), details: .init(reason: "等待"))
        try desk("2026-08-17 09:00").perform(.resume, on: id, by: .account(f.centre))
        // 6 working days paused, 2 credited: 10-08 + 2 = 10-10, the 调休 Saturday.
        #expect(try f.store.complaint(id: id)?.dueOn == "2026-10-10")
        #expect(throws: DeskError.pauseAllowanceUsed(id: id, max: 2)) {
            try desk("2026-08-18 09:00").perform(.pause, on: id, by: .account(f.centre), details: .init(reason: "再等"))
        }
        #expect(try DeskSettings.parse("[limits]\npause_max_days = 10\n", file: "desk.toml").pauseMaxDays == 10)
        #expect(try DeskSettings.load(templates: f.templates).pauseMaxDays == 30)
    }

    @Test(arguments: TestBackend.allCases) func anExtensionRequestedIsApprovedOrRejectedByTheSupervisor(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try accepted(f)
        // The unit asks: 转办 to 三营镇 (the complaint, recorded without a township, moves there).
        try f.step("2026-08-03 10:00", .transfer, id, .init(unit: "三营镇民政办"))
        #expect(try f.store.complaint(id: id)?.township == "三营镇")
        #expect(throws: DeskError.self) { try f.step("2026-08-04 09:00", .extendApprove, id) }
        #expect(throws: DeskError.extensionTooLong(days: 31, max: 30)) {
            try f.step("2026-08-04 09:00", .extendRequest, id, .init(days: 31, reason: "核查"))
        }
        try f.step("2026-08-04 09:00", .extendRequest, id, .init(days: 10, reason: "需入户核查"))
        #expect(try view(f, id).extensionRequestDays == 10)
        #expect(try f.store.complaint(id: id)?.dueOn == "2026-10-08", "a request alone moves nothing")
        #expect(throws: DeskError.self) { try f.step("2026-08-04 10:00", .extendRequest, id, .init(days: 5, reason: "再申请")) }
        #expect(throws: DeskError.reasonRequired(action: .extendReject)) { try f.step("2026-08-05 09:00", .extendReject, id) }
        try f.step("2026-08-05 09:00", .extendReject, id, .init(reason: "核查可在期限内完成"))
        #expect(try view(f, id).extensionRequestDays == nil)
        try f.step("2026-08-06 09:00", .extendRequest, id, .init(days: 10, reason: "需跨部门核查"))
        try f.step("2026-08-06 10:00", .extendApprove, id)
        // 10-08 + 10 days = 10-18, a Sunday → Monday 10-19.
        let extended = try #require(try f.store.complaint(id: id))
        #expect(extended.dueOn == "2026-10-19" && extended.extensionDays == 10 && extended.extensionRequestDays == nil)
        #expect(try f.store.complaintEvents(id: id).last?.note == "批准三营镇承办人的申请，延期 10日 至 2026-10-19: 需跨部门核查")
        #expect(throws: DeskError.extensionAlreadyUsed(id: id)) {
            try f.step("2026-08-07 09:00", .extendRequest, id, .init(days: 5, reason: "再延"))
        }
        // A pause afterwards adds its working days after the extension: 10-19 + 6 = 10-27.
        try f.step("2026-08-07 16:00", .pause, id, .init(reason: "等待"))
        try f.step("2026-08-17 09:00", .resume, id)
        #expect(try f.store.complaint(id: id)?.dueOn == "2026-10-27")
    }

    @Test(arguments: TestBackend.allCases) func aDirectExtensionSettlesAPendingRequest(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try accepted(f)
        try f.step("2026-08-03 10:00", .transfer, id, .init(unit: "三营镇民政办"))
        try f.step("2026-08-04 09:00", .extendRequest, id, .init(days: 10, reason: "核查"))
        try f.step("2026-08-04 10:00", .extend, id, .init(days: 5, reason: "督办决定"))
        let record = try #require(try f.store.complaint(id: id))
        #expect(record.extensionDays == 5 && record.extensionRequestDays == nil && record.dueOn == "2026-10-13")
    }

    @Test(arguments: TestBackend.allCases) func mergeClosesTheDuplicateIntoAnOpenComplaint(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let kept = try accepted(f)
        let duplicate = try accepted(f)
        let other = try accepted(f)
        #expect(throws: DeskError.mergeTargetRequired) { try f.step("2026-08-04 09:00", .merge, duplicate) }
        #expect(throws: DeskError.mergeIntoItself(id: duplicate)) {
            try f.step("2026-08-04 09:00", .merge, duplicate, .init(into: duplicate))
        }
        #expect(throws: ComplaintNotFound.self) { try f.step("2026-08-04 09:00", .merge, duplicate, .init(into: "TS-209901-0001")) }
        try f.step("2026-08-04 09:00", .merge, duplicate, .init(note: "同一户同一事项", into: kept))
        let merged = try view(f, duplicate)
        #expect(merged.status == .merged && merged.mergedInto == kept && !merged.status.isOpen)
        #expect(try f.store.complaintEvents(id: duplicate).last?.note == "作为重复件合并至 \(kept): 同一户同一事项")
        #expect(try f.store.complaintEvents(id: kept).last?.note == "合并重复件 \(duplicate)")
        #expect(try f.at("2026-08-04 10:00").show(id: kept, revealReason: nil, by: .account(f.centre)).mergedFrom == [duplicate])
        // No chains: into the merged one is refused, naming where it went.
        #expect(throws: DeskError.mergeIntoMerged(target: duplicate, into: kept)) {
            try f.step("2026-08-05 09:00", .merge, other, .init(into: duplicate))
        }
        // Nor into a finished one; a refused merge changes neither complaint.
        let returned = try f.add("2026-08-03 10:00", "投诉", "其他").id
        try f.step("2026-08-03 11:00", .return, returned, .init(reason: "非本部门职责"))
        #expect(throws: DeskError.mergeTargetClosed(target: returned, status: .returned)) {
            try f.step("2026-08-05 09:00", .merge, other, .init(into: returned))
        }
        #expect(try f.store.complaintEvents(id: returned).count == 2 && f.store.complaint(id: other)?.status == "受理")
        // Not open, not concluded: the month's figures count it as received only.
        let august = try f.at("2026-09-01 10:00").statistics(month: YearMonth(year: 2026, month: 8)!)
        #expect(august.received == 4 && august.openAtMonthEnd == 2 && august.concludedOnTime.denominator == 0)
    }

    @Test(arguments: TestBackend.allCases) func theSweepSupervisesOnceEachTimeAComplaintTurnsRed(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try accepted(f)
        let paused = try accepted(f)
        try f.step("2026-10-08 09:00", .pause, paused, .init(reason: "等待"))
        let desk = f.at("2026-10-01 10:00")
        func sweep(_ minute: String) throws -> [String] { try desk.superviseOverdue(now: ChinaTime.parseMinute(minute)!) }
        #expect(try sweep("2026-10-08 23:50") == [], "due today: not red yet")
        #expect(try sweep("2026-10-09 00:10") == [id])
        #expect(try sweep("2026-10-09 00:20") == [] && sweep("2026-10-12 08:00") == [], "idempotent")
        let event = try #require(try f.store.complaintEvents(id: id).last)
        #expect(event.handler == "系统" && event.action == "supervise" && event.note == "督办: 自动督办，已超过办结期限 2026-10-08")
        #expect(try f.store.complaint(id: id)?.supervised == true)
        // Extended, it turns green; red again after the new deadline, it is supervised again.
        try f.step("2026-10-12 09:00", .extend, id, .init(days: 5, reason: "补充核查"))
        #expect(try f.store.complaint(id: id)?.dueOn == "2026-10-13")
        #expect(try sweep("2026-10-13 10:00") == [])
        #expect(try sweep("2026-10-14 10:00") == [id])
        #expect(try f.store.complaintEvents(id: paused).allSatisfy { $0.handler != "系统" })
    }

    @Test(arguments: TestBackend.allCases) func aTransferredComplaintIsInTheUnitsInboxAndSignOverdueAfterOneWorkingDay(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-10-08 10:00", "投诉", "其他").id
        try f.step("2026-10-08 11:00", .accept, id)
        try f.step("2026-10-09 09:00", .transfer, id, .init(unit: "三营镇民政办"))
        let transferred = try view(f, id)
        // Friday 10-09 + 1 working day = Saturday 10-10, a 调休 working day.
        #expect(try transferred.signDeadline(schedule: f.schedule) == day("2026-10-10"))
        var unsigned = ComplaintQuery()
        unsigned.queue = .unsigned
        // The unit's inbox lists it at once; past Saturday unsigned it is 签收超期.
        #expect(try f.at("2026-10-10 17:00").complaints(unsigned).map(\.id) == [id])
        #expect(!transferred.isSignOverdue(on: day("2026-10-10"), schedule: f.schedule))
        #expect(try f.at("2026-10-12 09:00").complaints(unsigned).map(\.id) == [id])
        #expect(transferred.isSignOverdue(on: day("2026-10-12"), schedule: f.schedule))
        try f.step("2026-10-12 10:00", .assign, id, .init(assignee: "李明"))
        #expect(try f.at("2026-10-12 11:00").complaints(unsigned).isEmpty)
        #expect(try view(f, id).signDeadline(schedule: f.schedule) == nil)
        #expect(try DeskSettings.parse("[limits]\nsign_within = \"2 workdays\"\n", file: "desk.toml").signWithin == .workdays(2))
    }

    @Test(arguments: TestBackend.allCases) func replyTemplatesAreReadPerCategory(_ backend: TestBackend) async throws {
        let s = try DeskSettings.parse("""
            [[reply_template]]
            category = "错保"
            title = "已核查"
            text = "经核查……"
            """, file: "desk.toml")
        #expect(s.replyTemplates(category: "错保", programme: nil).map(\.title) == ["已核查"]
                && s.replyTemplates(category: "其他", programme: nil).isEmpty)
        #expect(throws: InputError.self) {
            try DeskSettings.parse("[[reply_template]]\ncategory = \"杂项\"\ntitle = \"t\"\ntext = \"x\"\n", file: "desk.toml")
        }
        #expect(throws: InputError.self) {
            try DeskSettings.parse("[[reply_template]]\ncategory = \"错保\"\ntitle = \"\"\ntext = \"x\"\n", file: "desk.toml")
        }
        let shipped = try DeskSettings.load(templates: try await DeskFixture(backend).templates)
        #expect(!shipped.replyTemplates(category: "发放时限", programme: nil).isEmpty)
    }

    /// A template naming a programme is offered only on complaints about that programme; one naming
    /// none, on every complaint of its category.
    @Test func replyTemplatesFitTheProgramme() throws {
        let s = try DeskSettings.parse("""
            [[reply_template]]
            category = "应保未保"
            programme = "低保"
            title = "低保申请"
            text = "……"
            [[reply_template]]
            category = "应保未保"
            programme = "临时救助"
            title = "临时救助申请"
            text = "……"
            [[reply_template]]
            category = "应保未保"
            title = "通用"
            text = "……"
            """, file: "desk.toml")
        #expect(s.replyTemplates(category: "应保未保", programme: .dibao).map(\.title) == ["低保申请", "通用"])
        #expect(s.replyTemplates(category: "应保未保", programme: .temporary).map(\.title) == ["临时救助申请", "通用"])
        #expect(s.replyTemplates(category: "应保未保", programme: nil).map(\.title) == ["通用"])
        #expect(s.replyTemplates(category: "错保", programme: .dibao).isEmpty)
        let wrong = #expect(throws: InputError.self) {
            try DeskSettings.parse("[[reply_template]]\ncategory = \"错保\"\nprogramme = \"救济粮\"\ntitle = \"t\"\ntext = \"x\"\n", file: "desk.toml")
        }
        #expect(wrong?.line == 3)
    }
}
