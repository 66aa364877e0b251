import Accounts
import Foundation
import GongkaiCore
import Store

/// The public channel's desk rules (群众反馈渠道 online): a citizen follows a complaint with its number
/// and PIN, and rates the answer once it is 办结. The web's public listener calls these; the staff
/// pages never do.
extension ComplaintDesk {
    /// How many wrong PINs lock a number's enquiry, and for how long (templates/security.toml `[public]`).
    public struct PINLock: Sendable, Equatable {
        public let failures: Int
        public let seconds: TimeInterval
        public init(failures: Int, seconds: TimeInterval) { self.failures = failures; self.seconds = seconds }
    }

    /// What a citizen may see of their complaint: no caller field, no staff name, no internal note.
    public struct Progress: Sendable, Equatable {
        public let view: ComplaintView
        /// The reply's text, once the complaint is 办结 (the note of its last 答复); nil before.
        public let reply: String?
        public init(view: ComplaintView, reply: String?) { self.view = view; self.reply = reply }
    }

    /// The answer to a number and a PIN.
    public enum Enquiry: Sendable, Equatable {
        case found(Progress)
        /// The number is unknown, has no PIN, or the PIN is wrong: one answer for all three.
        case refused
        /// The number had `PINLock.failures` wrong PINs within the lock time: no PIN is checked until
        /// `until`. `lockedNow`: this very attempt locked it (the web audits the lock once).
        case locked(until: Date, lockedNow: Bool)
    }

    /// Checks `pin` for the complaint `number`. A wrong PIN is counted for the number whatever the
    /// address (and an unknown number is counted like a known one, so a lock tells nothing either);
    /// `lock.failures` wrong PINs within `lock.seconds` lock the number for `lock.seconds` from the
    /// last of them, during which no PIN is checked or counted; a right PIN forgets the number's
    /// wrong ones. An unknown number and a wrong PIN take the same path: one read, one hash, one
    /// constant-time comparison (`EnquiryPIN.matches`).
    public func enquire(number: String, pin: String, lock: PINLock) throws -> Enquiry {
        let key = Self.enquiryKey(number)
        let now = clock.now()
        if let until = try lockedUntil(key, now: now, lock: lock) { return .locked(until: until, lockedNow: false) }
        let record = try store.complaint(id: key)
        guard EnquiryPIN.matches(pin: String(pin.prefix(64)), salt: record?.pinSalt, hash: record?.pinHash), let record else {
            try store.recordPublicHit(.wrongPIN, subject: key, at: UTCTimestamp.text(now),
                                      forgetBefore: UTCTimestamp.text(now.addingTimeInterval(-2 * lock.seconds)))
            if let until = try lockedUntil(key, now: now, lock: lock) { return .locked(until: until, lockedNow: true) }
            return .refused
        }
        try store.forgetPublicHits(.wrongPIN, subject: key)
        let view = try ComplaintView(record)
        var reply: String?
        if view.status == .closed {
            reply = try store.complaintEvents(id: key).last { $0.action == ComplaintAction.reply.rawValue }?.note
        }
        return .found(Progress(view: view, reply: reply))
    }

    /// When the number's lock ends, if it is locked now: its newest `lock.failures` wrong PINs fell
    /// within `lock.seconds` of each other, and the newest is less than `lock.seconds` old.
    func lockedUntil(_ key: String, now: Date, lock: PINLock) throws -> Date? {
        let times = try store.newestPublicHits(.wrongPIN, subject: key, limit: lock.failures).compactMap(UTCTimestamp.date)
        guard times.count >= lock.failures, let newest = times.first, let oldest = times.last,
              newest.timeIntervalSince(oldest) <= lock.seconds else { return nil }
        let until = newest.addingTimeInterval(lock.seconds)
        return until > now ? until : nil
    }

    /// Why a caller's evaluation was not recorded.
    public enum CallerRatingRefusal: Error, Sendable, Equatable {
        /// Not 办结 (yet, or any more: under 复查).
        case notClosed(ComplaintStatus)
        case alreadyRated
        case unknownRating
    }

    /// The caller's own evaluation (来电人评价), once, after 办结: recorded on the complaint and as an
    /// event of its history (by 来电人, with the comment), beside the centre's 回访. The PIN must have
    /// been checked (`enquire`) just before.
    @discardableResult
    public func recordCallerRating(id: String, rating: String, comment: String?) throws -> ComplaintView {
        guard Codelist.satisfaction.dropLast().contains(rating) else { throw CallerRatingRefusal.unknownRating }
        return try store.changeComplaint(id: id) { record in
            let status = try ComplaintView(record).status
            guard status == .closed else { throw CallerRatingRefusal.notClosed(status) }
            guard record.callerRating == nil else { throw CallerRatingRefusal.alreadyRated }
            record.callerRating = rating
            record.callerRatingComment = comment
            return (event(handler: Self.callerName, action: Self.callerRatingEvent, from: status, to: status,
                          note: ["来电人评价 \(rating)", comment].compactMap { $0 }.joined(separator: ": ")),
                    try ComplaintView(record))
        }
    }

    /// The event of a caller's own evaluation, and who the history says took it.
    public static let callerRatingEvent = "caller_rating"
    public static let callerName = "来电人"

    /// A complaint number as the office means it, however it was typed (full-width, lower-case,
    /// invisible characters), capped: what the lock counts under.
    static func enquiryKey(_ number: String) -> String {
        String(TypedText.identifier(String(number.prefix(64))).prefix(32))
    }
}
