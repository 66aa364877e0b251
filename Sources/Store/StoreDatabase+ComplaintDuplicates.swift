extension StoreDatabase {
    /// Complaints of `category` received from `fromDay` through `throughDay` (day numbers, both
    /// included) about the same household or from the same caller (the phone's keyed digest), oldest
    /// first: the possible duplicates intake shows before saving. Nothing when neither is known.
    public func complaintsLike(category: String, householdId: String?, phoneDigest: String?,
                               fromDay: Int, throughDay: Int) throws -> [ComplaintRecord] {
        var same: [String] = [], arguments: [SQLValue] = [.text(category), .integer(Int64(fromDay)), .integer(Int64(throughDay))]
        if let householdId { same.append("household_id = ?"); arguments.append(.text(householdId)) }
        if let phoneDigest { same.append("caller_phone_digest = ?"); arguments.append(.text(phoneDigest)) }
        guard !same.isEmpty else { return [] }
        return try session(readOnly: true) { session in
            try ComplaintRecord.fetchAll(session, """
                SELECT \(ComplaintRecord.columns) FROM complaint
                WHERE category = ? AND received_day >= ? AND received_day <= ? AND (\(same.joined(separator: " OR ")))
                ORDER BY received_day, complaint_id
                """, arguments)
        }
    }
}
