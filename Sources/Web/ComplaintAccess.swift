import Accounts
import Desk

/// Which complaints a signed-in account sees in the browser and which desk steps it may take on
/// each. The desk itself (Desk.Workflow) decides which steps the complaint's state allows; this
/// only narrows them by role, from the permissions of `Role.permissions`:
///
/// - `viewComplaints` sees every complaint; `viewOwnUnitComplaints` (承办人) only those of the
///   account's own unit, which is a township (`Account.unit`): the complaint's township.
/// - `superviseComplaint` (督办) takes the dispatching steps on any complaint: accept, transfer,
///   assign, extend (directly, or deciding a request), close, pause/resume, return, reopen,
///   supervise, merge a duplicate (Permission's own description).
/// - `handleComplaint` (承办人) takes the working steps on their own unit's complaints: sign for
///   (assign to oneself), reply, callback, close (after the callback, or the reply when
///   anonymous: the workflow decides), pause/resume the clock while waiting on the caller, and
///   ask for an extension.
struct ComplaintAccess {
    let account: Account

    static let supervisorSteps: Set<ComplaintAction> = [.accept, .transfer, .assign, .extend, .extendApprove, .extendReject,
                                                        .close, .pause, .resume, .return, .reopen, .supervise, .merge]
    static let handlerSteps: Set<ComplaintAction> = [.assign, .reply, .callback, .close, .pause, .resume, .extendRequest]

    /// The complaint is in the account's own unit (township).
    func inOwnUnit(_ complaint: ComplaintView) -> Bool {
        guard let unit = account.unit, let township = complaint.township else { return false }
        return unit == township
    }

    func mayView(_ complaint: ComplaintView) -> Bool {
        account.has(.viewComplaints) || (account.has(.viewOwnUnitComplaints) && inOwnUnit(complaint))
    }

    /// As the 督办: any complaint, the dispatching steps.
    func supervises(_ action: ComplaintAction) -> Bool {
        account.has(.superviseComplaint) && Self.supervisorSteps.contains(action)
    }

    func mayPerform(_ action: ComplaintAction, on complaint: ComplaintView) -> Bool {
        supervises(action) || (account.has(.handleComplaint) && Self.handlerSteps.contains(action) && inOwnUnit(complaint))
    }

    /// May attach files to a complaint it sees: the roles that record or work complaints, not the 领导.
    var mayAttach: Bool {
        account.has(.recordComplaint) || account.has(.handleComplaint) || account.has(.superviseComplaint)
    }

    /// The reveal page will open the caller for this account (`CallerIdentityRoutes`' rule): the 督办,
    /// or a 承办人 the complaint is assigned to.
    func mayReveal(assignedHandler: String?) -> Bool {
        guard account.has(.revealCallerIdentity) else { return false }
        return account.roles.contains(.supervisor) || assignedHandler == account.displayName || assignedHandler == account.login
    }

    /// The steps the complaint's state allows and the account may take, in the loop's order.
    func steps(on complaint: ComplaintView) -> [ComplaintAction] {
        Workflow.allowed(from: complaint.status, complaint.situation).filter { mayPerform($0, on: complaint) }
    }
}
