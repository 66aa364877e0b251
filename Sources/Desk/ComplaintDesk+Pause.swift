import GongkaiCore
import Store

extension ComplaintDesk {
    /// 恢复计时: the conclusion deadline moves later by the working days the clock stood still.
    ///
    /// A pause is counted like a period of the Civil Code: the day it began is not counted, the day
    /// it ended is — the working days in (paused, resumed]. So a pause begun and ended on the same
    /// day counts 0 (the clock ran that day), Monday to Tuesday counts 1, Friday to Monday counts 1.
    /// All pauses together are credited up to `pause_max_days`; days beyond it are not.
    func resume(_ record: inout ComplaintRecord, today: CivilDate, note: String?) throws -> String? {
        let pausedOn = CivilDate(dayNumber: record.pausedDay ?? today.dayNumber)
        // Weekends only in a year without a calendar (a pause rarely reaches one): the deadline it
        // moves is then provisional anyway.
        let paused = try schedule.calendar.provisional.workingDays(after: pausedOn, through: today)
        let allowance = max(0, schedule.settings.pauseMaxDays - record.pausedWorkdays)
        let credited = min(paused, allowance)
        record.pausedWorkdays += credited
        record.pausedDay = nil
        record.pauseReason = nil
        var text = "恢复计时: 自 \(pausedOn) 暂停 \(paused) 个工作日"
        if credited < paused { text += "，计入 \(credited) 个（暂停上限 \(schedule.settings.pauseMaxDays) 个工作日）" }
        if credited > 0, let dueDay = record.dueDay {
            // A 复查 has its own deadline from the reopening, so it is moved as it stands.
            let due = record.reopened
                ? schedule.deskDeadline(Limit(amount: credited, unit: .workdays), from: CivilDate(dayNumber: dueDay))
                : schedule.deskDeadline(type: record.type, receivedOn: record.receivedOn,
                                        extensionDays: record.extensionDays, pausedWorkdays: record.pausedWorkdays)
            Self.store(due, in: &record)
            text += "，期限顺延至 \(due.text)"
        }
        return [text, note].compactMap { $0 }.joined(separator: ": ")
    }
}
