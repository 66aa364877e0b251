import GRDB

extension ComplaintRecord {
    /// Reads the row column by column. GRDB's Decodable path, converting every key from snake case,
    /// cost about 150 µs a row — half of a queue page's time on a desk of 100,000 complaints
    /// (bench/80-desk.sh). `decode` throws on a value of another type (a row edited outside
    /// gongkai), where a subscript would trap.
    public init(row: Row) throws {
        complaintId = try row.decode(String.self, forColumn: "complaint_id")
        receivedAt = try row.decode(String.self, forColumn: "received_at")
        receivedDay = try row.decode(Int.self, forColumn: "received_day")
        receivedMonthIndex = try row.decode(Int.self, forColumn: "received_month_index")
        channel = try row.decode(String.self, forColumn: "channel")
        type = try row.decode(String.self, forColumn: "type")
        category = try row.decode(String.self, forColumn: "category")
        programme = try row.decode(String?.self, forColumn: "programme")
        householdId = try row.decode(String?.self, forColumn: "household_id")
        township = try row.decode(String?.self, forColumn: "township")
        summary = try row.decode(String.self, forColumn: "summary")
        callerName = try row.decode(String?.self, forColumn: "caller_name")
        callerPhone = try row.decode(String?.self, forColumn: "caller_phone")
        callerPhoneDigest = try row.decode(String?.self, forColumn: "caller_phone_digest")
        anonymous = try row.decode(Bool.self, forColumn: "anonymous")
        closedAt = try row.decode(String?.self, forColumn: "closed_at")
        closedDay = try row.decode(Int?.self, forColumn: "closed_day")
        closedMonthIndex = try row.decode(Int?.self, forColumn: "closed_month_index")
        satisfaction = try row.decode(String?.self, forColumn: "satisfaction")
        status = try row.decode(String.self, forColumn: "status")
        dueOn = try row.decode(String?.self, forColumn: "due_on")
        dueDay = try row.decode(Int?.self, forColumn: "due_day")
        pinHash = try row.decode(String?.self, forColumn: "pin_hash")
        pinSalt = try row.decode(String?.self, forColumn: "pin_salt")
        supervised = try row.decode(Bool.self, forColumn: "supervised")
        extensionDays = try row.decode(Int.self, forColumn: "extension_days")
        extensionReason = try row.decode(String?.self, forColumn: "extension_reason")
        acknowledgedOn = try row.decode(String?.self, forColumn: "acknowledged_on")
        acknowledgedDay = try row.decode(Int?.self, forColumn: "acknowledged_day")
        assignedUnit = try row.decode(String?.self, forColumn: "assigned_unit")
        assignedHandler = try row.decode(String?.self, forColumn: "assigned_handler")
        repliedOn = try row.decode(String?.self, forColumn: "replied_on")
        repliedDay = try row.decode(Int?.self, forColumn: "replied_day")
        reopened = try row.decode(Bool.self, forColumn: "reopened")
        pausedDay = try row.decode(Int?.self, forColumn: "paused_day")
        pauseReason = try row.decode(String?.self, forColumn: "pause_reason")
        pausedWorkdays = try row.decode(Int.self, forColumn: "paused_workdays")
        extensionRequestDays = try row.decode(Int?.self, forColumn: "extension_request_days")
        extensionRequestReason = try row.decode(String?.self, forColumn: "extension_request_reason")
        extensionRequestedBy = try row.decode(String?.self, forColumn: "extension_requested_by")
        mergedInto = try row.decode(String?.self, forColumn: "merged_into")
        transferredDay = try row.decode(Int?.self, forColumn: "transferred_day")
        supervisedDay = try row.decode(Int?.self, forColumn: "supervised_day")
        repeatOf = try row.decode(String?.self, forColumn: "repeat_of")
    }
}
