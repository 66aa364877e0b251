import GongkaiCore
import Store

extension ComplaintDesk {
    /// The extension rule, whether the 督办 extends directly or approves a 承办人's request: once,
    /// 1 to `extension_max_days` days, counted on from the original period (then the paused days).
    /// Either way a pending request is settled by it.
    func extend(_ record: inout ComplaintRecord, view: ComplaintView, days: Int, reason: String,
                approving requester: String?) throws -> String {
        let s = schedule.settings
        guard record.extensionDays == 0 else { throw DeskError.extensionAlreadyUsed(id: view.id) }
        guard days >= 1, days <= s.extensionMaxDays else { throw DeskError.extensionTooLong(days: days, max: s.extensionMaxDays) }
        let due = schedule.deskDeadline(type: view.type, receivedOn: view.receivedOn, extensionDays: days,
                                        pausedWorkdays: record.pausedWorkdays)
        record.extensionDays = days
        record.extensionReason = reason
        Self.store(due, in: &record)
        clearExtensionRequest(&record)
        let approval = requester.map { "批准\($0)的申请，" } ?? ""
        return "\(approval)延期 \(days)日 至 \(due.text): \(reason)"
    }

    func clearExtensionRequest(_ record: inout ComplaintRecord) {
        record.extensionRequestDays = nil
        record.extensionRequestReason = nil
        record.extensionRequestedBy = nil
    }
}
