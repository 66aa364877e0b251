import Accounts
import GongkaiCore
import Store

/// Dispatch as a 12345 desk practises it: 转办 to any unit (every township has one), 交办 to a 承办人
/// account of the complaint's township, and who may take which step — the one access policy,
/// checked here for the browser and the CLI alike.
extension ComplaintDesk {
    /// The steps by which the unit acts on a complaint: each answers a 催办, so the urged mark goes.
    static let unitSteps: Set<ComplaintAction> = [.assign, .sendBack, .reply, .extendRequest, .pause]

    /// Refuses a step the actor's roles do not allow on this complaint, and a callback by the
    /// account that recorded the reply (回访 is the centre's independent check, never self-rating).
    func authorise(_ action: ComplaintAction, on record: ComplaintRecord, by actor: DeskActor) throws {
        // The citizen of the public channel only submits (and rates, `recordCallerRating`).
        if actor == .citizen { throw DeskError.notPermitted(account: actor.name, what: "对 \(record.complaintId) \(action.chineseName)") }
        guard let access = actor.access else { return }
        let view = try ComplaintView(record)
        guard access.mayPerform(action, on: view) else {
            throw DeskError.notPermitted(account: actor.name, what: "对 \(view.id) \(action.chineseName)")
        }
        if action == .callback, let replier = record.repliedByAccount, replier == actor.accountId {
            throw DeskError.ownReplyCallback(id: view.id)
        }
    }

    /// 转办: the unit must be one of `ComplaintSchedule.units`. A township's unit takes the complaint
    /// into that township: when the centre re-dispatches a complaint a township sent back as
    /// misrouted, its township follows, and the history says so.
    func transfer(_ record: inout ComplaintRecord, to name: String?, note: String?, today: CivilDate) throws -> String {
        guard let name, let unit = schedule.unit(named: name) else {
            throw DeskError.unknownUnit(name ?? "", known: schedule.units.map(\.name))
        }
        var text = "转办 \(unit.name)"
        if let township = unit.township, township != record.township {
            text += "（乡镇（街道）由 \(record.township ?? "未填") 改为 \(township)）"
            record.township = township
        }
        record.assignedUnit = unit.name
        record.transferredDay = today.dayNumber
        record.assignedHandler = nil
        return [text, note].compactMap { $0 }.joined(separator: ": ")
    }

    /// 交办 by the centre names one of the township's 承办人 accounts (by login or display name); a
    /// 承办人 signing for it (签收) takes it themselves.
    func assign(_ record: inout ComplaintRecord, view: ComplaintView, to assignee: String?, by actor: DeskActor,
                among candidates: [Account], note: String?) throws -> String {
        let signing = actor.access.map { !$0.supervises(.assign) } ?? false
        let name: String
        if signing {
            name = actor.name
        } else {
            // A complaint is only ever given to a 承办人 of its own township, who alone sees it.
            let eligible = candidates.filter { account in view.township.map { account.unit == $0 } ?? false }
            guard let wanted = assignee?.trimmingCharacters(in: .whitespaces), !wanted.isEmpty,
                  let chosen = eligible.first(where: { $0.login == Login.normalized(wanted) || $0.displayName == wanted }) else {
                throw DeskError.unknownAssignee(assignee ?? "", township: view.township,
                                                known: eligible.map { "\($0.displayName)（\($0.login)）" })
            }
            name = chosen.displayName
        }
        record.assignedHandler = name
        return [signing ? "签收（承办人 \(name)）" : "交办 \(name)", note].compactMap { $0 }.joined(separator: ": ")
    }

    /// The accounts a complaint can be given to (交办): active 承办人 accounts with a township.
    public func assignees() throws -> [Account] {
        let now = clock.now()
        return try AccountStore.accounts(in: store).filter { $0.roles.contains(.handler) && $0.unit != nil && !$0.isLocked(at: now) }
    }

    /// The 承办人 of a township a complaint of it may be given to, for the 交办 form; none for a
    /// complaint without a township (转办 to a township's unit first).
    public func assignees(township: String?) throws -> [Account] {
        guard let township else { return [] }
        return try assignees().filter { $0.unit == township }
    }
}
