import GRDB

extension StoreDatabase {
    /// Complaints of `category` received from `fromDay` through `throughDay` (day numbers, both
    /// included) about the same household or from the same caller (the phone's keyed digest), oldest
    /// first: the possible duplicates intake shows before saving. Nothing when neither is known.
    public func complaintsLike(category: String, householdId: String?, phoneDigest: String?,
                               fromDay: Int, throughDay: Int) throws -> [ComplaintRecord] {
        var same: SQLExpression?
        if let householdId { same = Column("household_id") == householdId }
        if let phoneDigest {
            let phone = Column("caller_phone_digest") == phoneDigest
            same = same.map { $0 || phone } ?? phone
        }
        guard let same else { return [] }
        return try read { db in
            try ComplaintRecord
                .filter(Column("category") == category && Column("received_day") >= fromDay && Column("received_day") <= throughDay)
                .filter(same)
                .order(Column("received_day"), Column("complaint_id"))
                .fetchAll(db)
        }
    }
}
