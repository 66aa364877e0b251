import Foundation
import GongkaiCore
import Store

extension ComplaintDesk {
    /// Gives every open complaint a deadline it can keep: a provisional one (暂定, weekends only) is
    /// counted again on the calendar as it now stands — once templates/calendar/ has the year, on its
    /// holidays, no longer 暂定 — and one left without any by an earlier version gets one. Each change
    /// is an event by 系统 in the complaint's history. A 复查's deadline is counted again from the day
    /// of the request (`reopened_day`; one reopened by a version that did not keep that day is left
    /// as it is). Idempotent; run by the sweep (`gongkai complaint sweep`, and `serve` every
    /// 10 minutes). Returns the numbers changed.
    public func settleDeadlines(now: Date) throws -> [String] {
        var unsettled = ComplaintSelection()
        unsettled.deadlineUnsettled = true
        unsettled.statuses = ComplaintStatus.allCases.filter(\.isOpen).map(\.rawValue)
        unsettled.order = .number
        let candidates = try store.complaints(unsettled).filter { !$0.reopened || $0.reopenedDay != nil }
        return try store.changeComplaints(ids: candidates.map(\.complaintId)) { record in
            guard !record.reopened || record.reopenedDay != nil, record.dueProvisional || record.dueDay == nil,
                  let status = ComplaintStatus(rawValue: record.status), status.isOpen else { return nil }
            let before = record.dueDay.map { Deadline(day: CivilDate(dayNumber: $0), isProvisional: record.dueProvisional) }
            let due: Deadline
            if record.reopened, let day = record.reopenedDay {
                due = schedule.deskDeadline(schedule.settings.review, from: CivilDate(dayNumber: day))
                Self.store(due, in: &record)
            } else {
                due = setDue(&record)
            }
            guard due != before else { return nil }
            let note = before.map { "办结期限由 \($0.text) 改为 \(due.text)" } ?? "办结期限定为 \(due.text)"
            return event(handler: DeskActor.system.name, action: Self.deadlineEvent, from: status, to: status,
                         note: note + (due.isProvisional ? "（该年节假日安排尚未添加，暂按周末计算）" : "（按节假日安排重新计算）"), at: now)
        }
    }

    /// The history's name for a deadline set or counted again by the sweep.
    public static let deadlineEvent = "deadline"
}
