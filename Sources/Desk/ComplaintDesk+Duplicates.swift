import GongkaiCore
import Store

extension ComplaintDesk {
    /// How far back intake looks for the same matter (12345 practice: a month).
    public static let duplicateWindowDays = 30

    /// Complaints that may be the same matter as `intake`: the same category, about the same
    /// household or from the same phone, received in the `duplicateWindowDays` before it (or the
    /// same day). The phone is compared by its keyed digest, so no caller is opened; without the
    /// key only the household is compared. An intake whose time cannot be read has none (`add`
    /// refuses it with the reason).
    public func possibleDuplicates(of intake: ComplaintIntake) throws -> [ComplaintView] {
        let received = intake.receivedAt.map { ChinaTime.parseMinute($0) } ?? clock.now()
        guard let received else { return [] }
        let day = ChinaTime.civilDate(of: received).dayNumber
        let phone = intake.anonymous ? nil : intake.callerPhone.flatMap { phone in identity.map { $0.phoneDigest(phone) } }
        return try store.complaintsLike(category: intake.category, householdId: intake.householdId, phoneDigest: phone,
                                        fromDay: day - Self.duplicateWindowDays, throughDay: day)
            .map { record throws(DeskError) in try ComplaintView(record) }
    }
}
