import Desk
import Foundation
import GongkaiCore
import Store
import StoreTestSupport
import Testing

/// The public channel's desk rules (issue 24): the caller's own evaluation (来电人评价) once after
/// 办结, counted in 满意率 where the centre's 回访 recorded none; the PIN lock per number.
@Suite struct CallerEvaluationTests {
    /// Received, accepted, replied and (for a named caller) called back, closed: returns the number and PIN.
    func closed(_ f: DeskFixture, anonymous: Bool, callback: String? = nil) throws -> (id: String, pin: String) {
        let intake = try f.add("2026-10-12 10:00", "投诉", "其他", anonymous: anonymous, pin: true)
        try f.step("2026-10-12 11:00", .accept, intake.id)
        try f.step("2026-10-13 09:00", .reply, intake.id, .init(note: "已核实并补发。"))
        if let callback { try f.step("2026-10-14 09:00", .callback, intake.id, .init(rating: callback)) }
        try f.step("2026-10-15 09:00", .close, intake.id)
        return (intake.id, try #require(intake.pin))
    }

    static let lock = ComplaintDesk.PINLock(failures: 5, seconds: 1800)

    @Test(arguments: TestBackend.allCases) func theCallersOwnEvaluationCountsWhereTheCentreRecordedNone(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let anonymous = try closed(f, anonymous: true)
        let calledBack = try closed(f, anonymous: false, callback: "满意")
        _ = try closed(f, anonymous: true)  // concluded, rated by nobody
        let desk = f.at("2026-10-20 10:00")
        try desk.recordCallerRating(id: anonymous.id, rating: "不满意", comment: nil)
        try desk.recordCallerRating(id: calledBack.id, rating: "不满意", comment: "又没到账")
        #expect(throws: ComplaintDesk.CallerRatingRefusal.alreadyRated) {
            try desk.recordCallerRating(id: anonymous.id, rating: "满意", comment: nil)
        }
        let statistics = try desk.statistics(month: YearMonth(year: 2026, month: 10)!)
        // 群众参评率 2/3; 满意率 1/2: the anonymous caller's 不满意, and the centre's 满意 (its 回访 comes
        // first, the caller's own 不满意 beside it is shown, not counted).
        #expect(statistics.rated == .init(numerator: 2, denominator: 3))
        #expect(statistics.satisfied == .init(numerator: 1, denominator: 2))
        #expect(try f.store.complaintEvents(id: calledBack.id).last?.note == "来电人评价 不满意: 又没到账")
    }

    @Test(arguments: TestBackend.allCases) func onlyAClosedComplaintIsRatedWithAKnownRating(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let open = try f.add("2026-10-12 10:00", "投诉", "其他", anonymous: true, pin: true)
        let desk = f.at("2026-10-20 10:00")
        #expect(throws: ComplaintDesk.CallerRatingRefusal.notClosed(.registered)) {
            try desk.recordCallerRating(id: open.id, rating: "满意", comment: nil)
        }
        let closedOne = try closed(f, anonymous: true)
        #expect(throws: ComplaintDesk.CallerRatingRefusal.unknownRating) {
            try desk.recordCallerRating(id: closedOne.id, rating: "未评价", comment: nil)
        }
    }

    @Test(arguments: TestBackend.allCases) func fiveWrongPINsLockANumberForThirtyMinutesFromTheLast(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let (id, pin) = try closed(f, anonymous: true)
        let wrong = pin == "0000" ? "1111" : "0000"
        for minute in ["10:00", "10:05", "10:10", "10:15"] {
            #expect(try f.at("2026-10-20 \(minute)").enquire(number: id, pin: wrong, lock: Self.lock) == .refused)
        }
        guard case .locked(_, lockedNow: true) = try f.at("2026-10-20 10:20").enquire(number: id, pin: wrong, lock: Self.lock) else {
            Issue.record("the fifth wrong PIN locks"); return
        }
        guard case .locked(_, lockedNow: false) = try f.at("2026-10-20 10:49").enquire(number: id, pin: pin, lock: Self.lock) else {
            Issue.record("the right PIN is not checked while locked"); return
        }
        guard case .found(let progress) = try f.at("2026-10-20 10:51").enquire(number: "ｔｓ" + id.dropFirst(2), pin: pin, lock: Self.lock) else {
            Issue.record("30 minutes after the last wrong PIN, the right one opens it (full-width, lower-case number)"); return
        }
        #expect(progress.reply == "已核实并补发。" && progress.view.status == .closed)
        // Unknown numbers are counted and locked like known ones.
        for _ in 0..<4 { #expect(try f.at("2026-10-20 11:00").enquire(number: "TS-209912-0001", pin: "1234", lock: Self.lock) == .refused) }
        guard case .locked = try f.at("2026-10-20 11:00").enquire(number: "TS-209912-0001", pin: "1234", lock: Self.lock) else {
            Issue.record("an unknown number locks too"); return
        }
    }
}
