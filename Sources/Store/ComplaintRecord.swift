import GongkaiCore

/// One row of `complaint`, including the caller's identity, sealed (`CallerIdentityCipher`): only the
/// desk's reveal opens `callerName`/`callerPhone`; every listing goes through a view without them.
public struct ComplaintRecord: Codable, Equatable, Sendable {

    public var complaintId: String
    public var receivedAt: String
    public var receivedDay: Int
    public var receivedMonthIndex: Int
    public var channel: String
    public var type: String
    public var category: String
    public var programme: String?
    public var householdId: String?
    public var township: String?
    public var summary: String
    public var callerName: String?
    public var callerPhone: String?
    public var callerPhoneDigest: String?
    public var anonymous: Bool
    public var closedAt: String?
    public var closedDay: Int?
    public var closedMonthIndex: Int?
    public var satisfaction: String?
    public var status: String
    public var dueOn: String?
    public var dueDay: Int?
    /// The deadline was counted with weekends only (暂定): no holiday calendar covered it yet.
    public var dueProvisional: Bool
    public var pinHash: String?
    public var pinSalt: String?
    public var supervised: Bool
    public var extensionDays: Int
    public var extensionReason: String?
    public var acknowledgedOn: String?
    public var acknowledgedDay: Int?
    public var assignedUnit: String?
    public var assignedHandler: String?
    public var repliedOn: String?
    public var repliedDay: Int?
    public var reopened: Bool
    public var pausedDay: Int?
    public var pauseReason: String?
    public var pausedWorkdays: Int
    public var extensionRequestDays: Int?
    public var extensionRequestReason: String?
    public var extensionRequestedBy: String?
    public var mergedInto: String?
    public var transferredDay: Int?
    public var supervisedDay: Int?
    /// The earlier complaint this call was linked to at intake as a repeat call (重复来电).
    public var repeatOf: String?
    /// The account that recorded the reply; it may not record the callback on it.
    public var repliedByAccount: Int64?
    /// The day the 督办 last urged the unit (催办), until the unit next acts on the complaint.
    public var urgedDay: Int?
    /// The rating came from a callback by whoever replied (let through by versions before the
    /// centre's independent 回访): kept, but counted in no satisfaction figure.
    public var ratingByReplier: Bool
    /// The day the caller asked for 复查 (reopened), from which its answer's deadline runs.
    public var reopenedDay: Int?
    /// The caller's own evaluation (来电人评价), given on the public channel after 办结; nil: none.
    public var callerRating: String?
    /// What the caller wrote with it (optional).
    public var callerRatingComment: String?

    /// A new complaint at intake; the number is assigned by `StoreDatabase.insertComplaint`.
    public init(receivedAt: String, receivedOn: CivilDate, channel: String, type: String, category: String,
                programme: String?, householdId: String?, township: String?, summary: String,
                caller: SealedCaller, anonymous: Bool, status: String) {
        self.complaintId = ""
        self.receivedAt = receivedAt
        self.receivedDay = receivedOn.dayNumber
        self.receivedMonthIndex = receivedOn.yearMonth.index
        self.channel = channel; self.type = type; self.category = category
        self.programme = programme; self.householdId = householdId; self.township = township
        self.summary = summary
        self.callerName = caller.name; self.callerPhone = caller.phone; self.callerPhoneDigest = caller.phoneDigest
        self.anonymous = anonymous
        self.status = status
        self.supervised = false
        self.extensionDays = 0
        self.reopened = false
        self.pausedWorkdays = 0
        self.dueProvisional = false
        self.ratingByReplier = false
    }

    public var receivedOn: CivilDate { CivilDate(dayNumber: receivedDay) }
}

/// One entry of a complaint's history. Never updated or deleted (the database refuses).
public struct ComplaintEventRecord: Codable, Equatable, Sendable {

    public var id: Int64?
    public var complaintId: String
    public var at: String
    public var handler: String
    public var action: String
    public var fromState: String?
    public var toState: String
    public var note: String?

    public init(complaintId: String = "", at: String, handler: String, action: String,
                fromState: String?, toState: String, note: String?) {
        self.id = nil
        self.complaintId = complaintId; self.at = at; self.handler = handler; self.action = action
        self.fromState = fromState; self.toState = toState; self.note = note
    }
}
