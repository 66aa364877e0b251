import GongkaiCore
import Store

/// The dashboard's desk figures as of the desk's clock (issue 28: counted in SQLite, never by
/// reading every complaint): the lights of the open complaints, and for each township the month's
/// complaints received, those open and their red and yellow lights.
public struct DeskCounts: Sendable, Equatable {
    /// Open complaints by light, over the whole desk (townships outside the list and none included).
    public let lights: [ComplaintLight: Int]
    /// Per township of the desk's list, in its order.
    public let townships: [ComplaintTownshipCounts]
}

extension ComplaintDesk {
    /// The lights written as the store's counts: `ComplaintView.light` (open, clock running, a
    /// deadline: red before today, yellow through the warning period, green after). DeskTests hold
    /// them to the one-by-one rule.
    public func counts(month: YearMonth) throws -> DeskCounts {
        let today = clock.today
        let warnUntil = schedule.deskDeadline(schedule.settings.dueSoon, from: today).day
        let rows = try store.complaintTownshipCounts(openStatuses: ComplaintStatus.allCases.filter(\.isOpen).map(\.rawValue),
                                                     todayDay: today.dayNumber, warnThroughDay: warnUntil.dayNumber,
                                                     monthIndex: month.index)
        var lights: [ComplaintLight: Int] = [:]
        for row in rows {
            lights[.red, default: 0] += row.red
            lights[.yellow, default: 0] += row.yellow
            lights[.green, default: 0] += row.green
        }
        let byName = Dictionary(rows.compactMap { row in row.township.map { ($0, row) } }) { first, _ in first }
        return DeskCounts(lights: lights, townships: schedule.townships.names.map { byName[$0] ?? ComplaintTownshipCounts(township: $0) })
    }

    /// How many complaints were received in each of `months`, counted in SQLite.
    public func receivedCounts(_ months: [YearMonth]) throws -> [Int] {
        guard let first = months.map(\.index).min(), let last = months.map(\.index).max() else { return [] }
        let counts = try store.complaintsReceivedByMonth(fromIndex: first, throughIndex: last)
        return months.map { counts[$0.index] ?? 0 }
    }
}
