import Foundation
import GongkaiCore
import Store

extension ComplaintDesk {
    /// 自动督办: records one `supervise` event, by 系统, on each complaint that has turned red (past
    /// its conclusion deadline, not paused) since it was last supervised. A complaint turns red the
    /// day after its deadline, so one supervised on or after that day needs nothing; if an extension
    /// or a pause later moves its deadline and it turns red again, it is supervised again.
    /// Idempotent: a second sweep the same day records nothing. Returns the numbers supervised.
    public func superviseOverdue(now: Date) throws -> [String] {
        let today = ChinaTime.civilDate(of: now)
        var red = ComplaintQuery()
        red.queue = .overdue
        red.order = .number
        let candidates = try store.complaints(red.selection(today: today, schedule: schedule))
            .filter { record throws(DeskError) in Self.needsSupervision(try ComplaintView(record), today: today) }
        return try store.changeComplaints(ids: candidates.map(\.complaintId)) { record in
            let view = try ComplaintView(record)
            // Another desk PC may have swept first: then nothing is written.
            guard Self.needsSupervision(view, today: today), let due = view.due else { return nil }
            record.supervised = true
            record.supervisedDay = today.dayNumber
            return event(handler: DeskActor.system.name, action: ComplaintAction.supervise.rawValue, from: view.status,
                         to: view.status, note: "督办: 自动督办，已超过办结期限 \(due)", at: now)
        }
    }

    static func needsSupervision(_ view: ComplaintView, today: CivilDate) -> Bool {
        guard view.isOverdue(on: today), let due = view.due else { return false }
        return view.supervisedOn.map { $0 <= due } ?? true
    }
}
