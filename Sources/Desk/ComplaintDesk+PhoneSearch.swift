import Foundation
import GongkaiCore
import Store

extension ComplaintDesk {
    /// Most complaints one phone search lists: a caller with more is a matter for the full list.
    public static let phoneSearchLimit = 200

    /// Every complaint from the caller with this phone, newest first, found through the phone's
    /// keyed digest: no caller is opened and nothing is shown but what the queue shows. Only an
    /// account that may search by phone (`ComplaintAccess.maySearchByPhone`: the 督办) may ask, with a
    /// reason the front end records in the audit log (never the phone). A phone that is not one
    /// (`PhoneNumber`) is refused with the reason, so a typo is not taken for "no complaints".
    public func complaints(callerPhone phone: String, reason: String, by actor: DeskActor) throws -> [ComplaintView] {
        if let access = actor.access, !access.maySearchByPhone {
            throw DeskError.notPermitted(account: actor.name, what: "按来电人电话查找投诉")
        }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.phoneSearchReasonRequired }
        guard let identity else { throw CallerIdentityKeyMissing(purpose: "find complaints by the caller's phone") }
        let number = TypedText.halfWidth(phone.trimmingCharacters(in: .whitespaces))
        guard PhoneNumber.isValid(number) else { throw DeskError.notAPhone }
        var selection = ComplaintSelection()
        selection.callerPhoneDigest = identity.phoneDigest(number)
        return try store.complaintPage(selection, limit: Self.phoneSearchLimit, offset: 0).rows
            .map { record throws(DeskError) in try ComplaintView(record) }
    }
}
