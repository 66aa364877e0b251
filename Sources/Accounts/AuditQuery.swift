import Foundation

/// Which audit records to read: every filter is optional; records come newest first unless
/// `oldestFirst`, `limit` at a time from `offset` (paging).
public struct AuditQuery: Sendable, Equatable {
    /// From this time, included.
    public var since: Date?
    /// Up to this time, excluded.
    public var until: Date?
    /// Exact actor (a login, `cli:<user>`, or "" for unknown).
    public var actor: String?
    public var action: AuditAction?
    public var outcome: AuditOutcome?
    /// At most this many records (1…`maximumLimit`).
    public var limit: Int
    public var offset: Int
    public var oldestFirst: Bool

    /// The most records one query returns (a CSV export pages through more).
    public static let maximumLimit = 100_000

    public init(since: Date? = nil, until: Date? = nil, actor: String? = nil, action: AuditAction? = nil,
                outcome: AuditOutcome? = nil, limit: Int = 100, offset: Int = 0, oldestFirst: Bool = false) {
        self.since = since; self.until = until; self.actor = actor; self.action = action; self.outcome = outcome
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.offset = max(offset, 0)
        self.oldestFirst = oldestFirst
    }
}
