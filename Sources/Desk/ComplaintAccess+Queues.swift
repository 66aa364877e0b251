import Accounts

extension ComplaintAccess {
    /// May take `action` on some complaint it sees, whatever its state: the steps of its role.
    public func mayTake(_ action: ComplaintAction) -> Bool {
        if action == .callback { return account.has(.callBack) }
        return supervises(action) || (account.has(.handleComplaint) && Self.handlerSteps.contains(action))
    }

    /// The queues that are the account's pending work, as home counts them (`ComplaintQueue.pending`):
    /// none for an account that sees no complaints; a queue cleared by one step
    /// (`ComplaintQueue.clearingStep`) only for who may take that step; the others for everyone who
    /// sees complaints.
    public var pendingQueues: [ComplaintQueue] {
        guard account.has(.viewComplaints) || account.has(.viewOwnUnitComplaints) else { return [] }
        return ComplaintQueue.pending.filter { queue in queue.clearingStep.map(mayTake) ?? true }
    }
}
