import Accounts

/// Which complaints an account sees and which desk steps it may take on each: the one access policy
/// of the desk, applied by `ComplaintDesk` itself, so the browser and the CLI (`--as LOGIN`) cannot
/// differ. `Workflow` decides which steps the complaint's state allows; this only narrows them by
/// role, from the permissions of `Role.permissions`:
///
/// - `viewComplaints` sees every complaint; `viewOwnUnitComplaints` (承办人) only those of the
///   account's own unit, which is a township (`Account.unit`): the complaint's township.
/// - `superviseComplaint` (督办) takes the dispatching steps on any complaint: accept, transfer,
///   assign (交办 to a 承办人 of the unit), urge (催办), extend (directly, or deciding a request),
///   close, pause/resume, return, reopen, supervise, merge a duplicate — and replies to one not
///   dispatched to any unit (接诉即办: a question the centre answers on the spot); once dispatched,
///   the answer is the unit's.
/// - `callBack` (登记员, 督办: the centre) calls the caller back on any complaint it sees — never on
///   one whose reply it recorded itself (`ComplaintDesk` checks that against the reply's account).
/// - `handleComplaint` (承办人) takes the working steps on their own unit's complaints: sign for a
///   dispatched one (签收), send a misrouted one back (退单), reply, close (after the centre's
///   callback, or the reply when anonymous: the workflow decides), pause/resume the clock while
///   waiting on the caller, and ask for an extension.
public struct ComplaintAccess: Sendable {
    public let account: Account

    public init(account: Account) { self.account = account }

    static let supervisorSteps: Set<ComplaintAction> = [.accept, .transfer, .assign, .urge, .extend, .extendApprove, .extendReject,
                                                        .close, .pause, .resume, .return, .reopen, .supervise, .merge]
    static let handlerSteps: Set<ComplaintAction> = [.assign, .sendBack, .reply, .close, .pause, .resume, .extendRequest]

    /// The complaint is in the account's own unit (township).
    public func inOwnUnit(_ complaint: ComplaintView) -> Bool {
        guard let unit = account.unit, let township = complaint.township else { return false }
        return unit == township
    }

    public func mayView(_ complaint: ComplaintView) -> Bool {
        account.has(.viewComplaints) || (account.has(.viewOwnUnitComplaints) && inOwnUnit(complaint))
    }

    /// As the 督办: any complaint, the dispatching steps.
    public func supervises(_ action: ComplaintAction) -> Bool {
        account.has(.superviseComplaint) && Self.supervisorSteps.contains(action)
    }

    /// As the 承办人 of the complaint's unit. 签收 (`assign` to oneself) is for a complaint dispatched
    /// to the unit and not yet signed for: a unit never takes over work the centre has not sent it.
    func handles(_ action: ComplaintAction, on complaint: ComplaintView) -> Bool {
        guard account.has(.handleComplaint), Self.handlerSteps.contains(action), inOwnUnit(complaint) else { return false }
        return action != .assign || complaint.status == .transferred
    }

    public func mayPerform(_ action: ComplaintAction, on complaint: ComplaintView) -> Bool {
        if action == .callback { return account.has(.callBack) && mayView(complaint) }
        if action == .reply, account.has(.superviseComplaint), complaint.assignedUnit == nil { return true }
        return supervises(action) || handles(action, on: complaint)
    }

    /// May record a new complaint (登记).
    public var mayRecord: Bool { account.has(.recordComplaint) }

    /// May attach files to a complaint it sees: the roles that record or work complaints, not the 领导.
    public var mayAttach: Bool {
        account.has(.recordComplaint) || account.has(.handleComplaint) || account.has(.superviseComplaint)
    }

    /// May open the caller's identity: the 督办, or a 承办人 the complaint is assigned to.
    public func mayReveal(assignedHandler: String?) -> Bool {
        guard account.has(.revealCallerIdentity) else { return false }
        return account.roles.contains(.supervisor) || assignedHandler == account.displayName || assignedHandler == account.login
    }

    /// May look complaints up by a caller's phone (through its keyed digest): only the roles that may
    /// reveal a caller and see every complaint — the 督办. A 承办人 reveals only what is assigned to them.
    public var maySearchByPhone: Bool { account.has(.revealCallerIdentity) && account.has(.viewComplaints) }

    /// The steps the complaint's state allows and the account may take, in the loop's order.
    public func steps(on complaint: ComplaintView) -> [ComplaintAction] {
        Workflow.allowed(from: complaint.status, complaint.situation).filter { mayPerform($0, on: complaint) }
    }
}
