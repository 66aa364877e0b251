import GongkaiCore
import Store

extension ComplaintDesk {
    /// 合并: closes `id` as a duplicate of `into`, which carries the matter on. One transaction
    /// changes the duplicate (status 合并, `merged_into`) and records an event on both, so each
    /// complaint's history names the other. Refused: into itself, into a complaint that is no
    /// longer open, or into one that is itself merged (no chains: merge into the one it went to).
    func merge(_ id: String, into target: String?, by actor: DeskActor, note: String?) throws -> ComplaintView {
        guard let into = target?.trimmingCharacters(in: .whitespaces), !into.isEmpty else { throw DeskError.mergeTargetRequired }
        guard into != id else { throw DeskError.mergeIntoItself(id: id) }
        return try store.changeComplaints(id: id, other: into) { duplicate, kept in
            let before = try ComplaintView(duplicate)
            let after = try Workflow.next(id: id, from: before.status, before.situation, action: .merge)
            let target = try ComplaintView(kept)
            if let further = target.mergedInto { throw DeskError.mergeIntoMerged(target: into, into: further) }
            guard target.status.isOpen else { throw DeskError.mergeTargetClosed(target: into, status: target.status) }
            duplicate.status = after.rawValue
            duplicate.mergedInto = into
            duplicate.pausedDay = nil
            duplicate.pauseReason = nil
            clearExtensionRequest(&duplicate)
            let events = (
                event(handler: actor.name, action: ComplaintAction.merge.rawValue, from: before.status, to: after,
                      note: ["作为重复件合并至 \(into)", note].compactMap { $0 }.joined(separator: ": ")),
                event(handler: actor.name, action: ComplaintAction.merge.rawValue, from: target.status, to: target.status,
                      note: "合并重复件 \(id)"))
            return (events, try ComplaintView(duplicate))
        }
    }
}
