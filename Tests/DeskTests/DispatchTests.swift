import Accounts
import Desk
import Foundation
import GongkaiCore
import GRDB
@testable import Store
import StoreTestSupport
import Testing

/// The desk as a 12345 work-order desk: every township can be dispatched to, 交办 names a 承办人
/// account, a unit sends a misrouted complaint back (退单) within its 签收 time, the 督办 urges (催办),
/// and the callback (回访) is the centre's, never the replier's. Dates: 2026-11-02 is a Monday, and
/// `sign_within` is 1 working day, so a complaint transferred on 11-02 is to be signed for by 11-03.
@Suite struct DispatchTests {
    func transferred(_ f: DeskFixture, township: String = "三营镇", unit: String = "三营镇民政办") throws -> String {
        let id = try f.add("2026-11-02 09:00", "投诉", "发放时限", township: township).id
        try f.step("2026-11-02 09:30", .accept, id)
        try f.step("2026-11-02 10:00", .transfer, id, .init(unit: unit))
        return id
    }

    func handler(_ f: DeskFixture, _ township: String) throws -> DeskActor { .account(try #require(f.handlers[township])) }

    @Test(arguments: TestBackend.allCases) func everyTownshipsUnitCanBeDispatchedTo(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        #expect(f.schedule.townships.all.count == 14)
        for township in f.schedule.townships.names {
            let id = try transferred(f, township: township, unit: township + "民政办")
            let record = try #require(try f.store.complaint(id: id))
            #expect(record.assignedUnit == township + "民政办" && record.status == "转办" && record.township == township)
        }
        let id = try f.add("2026-11-02 09:00", "投诉", "其他").id
        try f.step("2026-11-02 09:30", .accept, id)
        #expect(throws: DeskError.self) { try f.step("2026-11-02 10:00", .transfer, id, .init(unit: "火星镇民政办")) }
    }

    @Test(arguments: TestBackend.allCases) func theCentreGivesItToOneOfTheTownshipsHandlersAndTheHandlerSignsForIt(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try transferred(f)
        #expect(throws: DeskError.unknownAssignee("官厅镇承办人", township: "三营镇",
                                                  known: ["三营镇承办人（cb.640402101）", "李明（li.ming）"])) {
            try f.step("2026-11-02 11:00", .assign, id, .init(assignee: "官厅镇承办人"))
        }
        // A 承办人 of another township can neither see nor sign for it.
        #expect(throws: DeskError.notPermitted(account: "官厅镇承办人", what: "对 \(id) 交办")) {
            try f.at("2026-11-02 11:00").perform(.assign, on: id, by: try handler(f, "官厅镇"))
        }
        #expect(throws: ComplaintNotFound.self) {
            try f.at("2026-11-02 11:00").show(id: id, revealReason: nil, by: try handler(f, "官厅镇"))
        }
        try f.at("2026-11-02 11:00").perform(.assign, on: id, by: .account(f.liMing))
        let sign = try #require(try f.store.complaintEvents(id: id).last)
        #expect(sign.action == ComplaintDesk.signEvent && sign.handler == "李明" && sign.note == "签收（承办人 李明）")
        #expect(try f.store.complaint(id: id)?.assignedHandler == "李明")
        // Once signed for, a 承办人 cannot sign again: 签收 is for a dispatched complaint.
        #expect(throws: DeskError.self) { try f.at("2026-11-02 12:00").perform(.assign, on: id, by: .account(f.liMing)) }
        // The centre gives another one to a 承办人 it names by login.
        let given = try transferred(f)
        try f.step("2026-11-02 12:00", .assign, given, .init(assignee: "cb.640402101"))
        #expect(try f.store.complaint(id: given)?.assignedHandler == "三营镇承办人")
        #expect(try f.store.complaintEvents(id: given).last?.action == "assign")
        #expect(try f.store.complaintEvents(id: given).last?.note == "交办 三营镇承办人")
    }

    @Test(arguments: TestBackend.allCases) func aMisroutedComplaintIsSentBackWithinTheSignTimeAndDispatchedAgain(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try transferred(f)
        let sanying = try handler(f, "三营镇")
        #expect(throws: DeskError.reasonRequired(action: .sendBack)) {
            try f.at("2026-11-03 09:00").perform(.sendBack, on: id, by: sanying)
        }
        #expect(throws: DeskError.notPermitted(account: "马丽", what: "对 \(id) 退单")) {
            try f.at("2026-11-03 09:00").perform(.sendBack, on: id, by: .account(f.centre), details: .init(reason: "x"))
        }
        try f.at("2026-11-03 16:00").perform(.sendBack, on: id, by: sanying, details: .init(reason: "户籍在官厅镇"))
        let back = try #require(try f.store.complaint(id: id))
        #expect(back.status == "受理" && back.assignedUnit == nil && back.transferredDay == nil)
        #expect(try f.store.complaintEvents(id: id).last?.note == "三营镇民政办退单: 户籍在官厅镇")
        // The centre dispatches it again, to the right township: the complaint moves there.
        try f.step("2026-11-04 09:00", .transfer, id, .init(unit: "官厅镇民政办"))
        let again = try #require(try f.store.complaint(id: id))
        #expect(again.township == "官厅镇" && again.assignedUnit == "官厅镇民政办")
        #expect(try f.store.complaintEvents(id: id).last?.note == "转办 官厅镇民政办（乡镇（街道）由 三营镇 改为 官厅镇）")
        try f.at("2026-11-04 10:00").perform(.assign, on: id, by: try handler(f, "官厅镇"))

        // Past the sign time (11-03), it can no longer be sent back: it is the unit's.
        let late = try transferred(f)
        #expect(throws: DeskError.periodOver(id: late, action: .sendBack, limit: .workdays(1),
                                             deadline: try #require(CivilDate(parsing: "2026-11-03")))) {
            try f.at("2026-11-04 09:00").perform(.sendBack, on: late, by: sanying, details: .init(reason: "不是本镇的"))
        }
    }

    @Test(arguments: TestBackend.allCases) func anUrgedComplaintHeadsTheUnitsWorkUntilTheUnitActs(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try transferred(f)
        let other = try transferred(f)
        #expect(throws: DeskError.notPermitted(account: "三营镇承办人", what: "对 \(id) 催办")) {
            try f.at("2026-11-04 09:00").perform(.urge, on: id, by: try handler(f, "三营镇"))
        }
        try f.step("2026-11-04 09:00", .urge, id, .init(reason: "签收已超时"))
        #expect(try f.store.complaintEvents(id: id).last?.note == "催办 三营镇民政办: 签收已超时")
        var query = ComplaintQuery()
        query.queue = .urged
        query.township = "三营镇"
        let desk = f.at("2026-11-04 09:30")
        #expect(try desk.complaints(query).map(\.id) == [id])
        #expect(try desk.complaints(query).first?.urgedOn == CivilDate(parsing: "2026-11-04"))
        try f.step("2026-11-04 10:00", .urge, id)
        try f.step("2026-11-04 10:00", .urge, other)
        // The unit signs for it: the urge is answered.
        try f.at("2026-11-04 11:00").perform(.assign, on: id, by: try handler(f, "三营镇"))
        #expect(try desk.complaints(query).map(\.id) == [other])
        let statistics = try f.at("2026-12-01 09:00").statistics(month: try #require(YearMonth(year: 2026, month: 11)))
        #expect(statistics.urges == 3, "three urge events in November, the twice-urged one twice")
        #expect(try f.at("2026-12-01 09:00").statistics(month: try #require(YearMonth(year: 2026, month: 10))).urges == 0)
    }

    @Test(arguments: TestBackend.allCases) func theCallbackIsTheCentresAndNeverByWhoeverReplied(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try transferred(f)
        let sanying = try handler(f, "三营镇")
        try f.at("2026-11-02 11:00").perform(.assign, on: id, by: sanying)
        try f.at("2026-11-03 10:00").perform(.reply, on: id, by: sanying)
        #expect(try f.store.complaint(id: id)?.repliedByAccount == f.handlers["三营镇"]?.id)
        // The 承办人 who replied holds no callback permission at all: it cannot rate its own work.
        #expect(throws: DeskError.notPermitted(account: "三营镇承办人", what: "对 \(id) 回访")) {
            try f.at("2026-11-03 11:00").perform(.callback, on: id, by: sanying, details: .init(rating: "满意"))
        }
        try f.at("2026-11-04 10:00").perform(.callback, on: id, by: .account(f.callbacks), details: .init(rating: "满意"))
        #expect(try f.store.complaint(id: id)?.satisfaction == "满意")

        // 接诉即办: the 督办 answers a question on the spot; a callback on it is someone else's.
        let asked = try f.add("2026-11-02 09:00", "咨询", "政策咨询").id
        try f.step("2026-11-02 09:30", .accept, asked)
        try f.at("2026-11-02 09:40").perform(.reply, on: asked, by: .account(f.centre))
        #expect(throws: DeskError.ownReplyCallback(id: asked)) {
            try f.at("2026-11-05 09:00").perform(.callback, on: asked, by: .account(f.centre), details: .init(rating: "满意"))
        }
        try f.at("2026-11-05 09:00").perform(.callback, on: asked, by: .account(f.callbacks), details: .init(rating: "基本满意"))
        // A dispatched complaint's answer is the unit's: the 督办 cannot reply to it.
        let dispatched = try transferred(f)
        #expect(throws: DeskError.self) { try f.at("2026-11-03 09:00").perform(.reply, on: dispatched, by: .account(f.centre)) }
    }

    /// Versions before the centre's independent callback let a 承办人 rate its own reply. The migration
    /// marks such ratings; they stay in the record and its history but count in no satisfaction figure.
    @Test func selfRatedCallbacksOfEarlierVersionsCountInNoSatisfactionFigure() throws {
        let queue = try DatabaseQueue()
        try StoreDatabase.migrator.migrate(queue, upTo: "v12-provisional-deadlines")
        try queue.write { db in
            for (id, replier, caller) in [("TS-202610-0001", "李明", "李明"), ("TS-202610-0002", "李明", "马丽")] {
                try db.execute(sql: """
                    INSERT INTO complaint (complaint_id, received_at, received_day, received_month_index, channel, type, category,
                                           summary, status, satisfaction, closed_day, closed_month_index)
                    VALUES (?, '2026-10-05 09:00', 20731, 24321, '来信', '投诉', '其他', '摘要', '办结', '满意', 20740, 24321);
                    INSERT INTO complaint_event (complaint_id, at, handler, action, from_state, to_state, note)
                    VALUES (?, '2026-10-06T01:00:00Z', ?, 'reply', '办理中', '答复', NULL),
                           (?, '2026-10-07T01:00:00Z', ?, 'callback', '答复', '回访', '评价 满意');
                    """, arguments: [id, id, replier, id, caller])
            }
        }
        try StoreDatabase.migrator.migrate(queue)
        let marked = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT complaint_id FROM complaint WHERE rating_by_replier = 1")
        }
        #expect(marked == ["TS-202610-0001"])
        let counted = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM v_complaint WHERE programme = 'all' AND satisfaction = '满意' AND rating_by_replier = 0")
        }
        #expect(counted == 1)
    }

    /// A 复查 asked for in December is answered in January: provisional until 2027's calendar is
    /// there, then counted again from the day it was asked for.
    @Test(arguments: TestBackend.allCases) func aReviewsProvisionalDeadlineIsSettledOnTheYearsCalendar(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-12-01 09:00", "咨询", "政策咨询").id
        try f.step("2026-12-01 09:30", .accept, id)
        try f.step("2026-12-01 10:00", .reply, id)
        try f.step("2026-12-02 10:00", .callback, id, .init(rating: "满意"))
        try f.step("2026-12-02 11:00", .close, id)
        try f.step("2026-12-10 09:00", .reopen, id)
        // 12-10 + 30 days = 2027-01-09, a Saturday: weekends only → Monday 01-11, provisional.
        let reopened = try #require(try f.store.complaint(id: id))
        #expect(reopened.dueOn == "2027-01-11" && reopened.dueProvisional && reopened.reopenedDay == CivilDate(parsing: "2026-12-10")?.dayNumber)

        let schedule = try f.scheduleWith2027(holiday: "2027-01-11", through: "2027-01-12")
        let now = try #require(ChinaTime.parseMinute("2026-12-20 09:00"))
        let desk = ComplaintDesk(store: f.store, schedule: schedule, clock: .fixed(now))
        #expect(try desk.settleDeadlines(now: now) == [id])
        // The last day, 01-09 (Saturday), moves to the next working day: 01-11 and 01-12 are off → 01-13.
        let settled = try #require(try f.store.complaint(id: id))
        #expect(settled.dueOn == "2027-01-13" && !settled.dueProvisional)
        #expect(try desk.settleDeadlines(now: now).isEmpty)
    }
}
