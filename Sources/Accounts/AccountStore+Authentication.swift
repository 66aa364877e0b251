import Foundation
import GongkaiCore
import Store

extension AccountStore {
    /// Checks a login attempt from `source` (the client address), audits it, and counts failures
    /// per address and per (account, address), so that nobody can lock another user out at will
    /// (OWASP ASVS 2.2.1):
    ///
    /// - an address that failed `policy.addressFailuresPerMinute` times in the last minute, whatever
    ///   the accounts, is not even checked: `.throttled` (HTTP 429), audited as `login.throttled`;
    /// - an address that failed `policy.lockoutFailures` times for one account within
    ///   `policy.lockoutMinutes` may not log in to it until those failures age (audited as `lockout`);
    ///   the same account from another address is not affected;
    /// - only when `policy.lockoutAddresses` addresses have each reached that count does the account
    ///   lock for everyone, for `policy.lockoutMinutes`.
    ///
    /// An unknown login, a wrong password and a lock all answer `.refused`, and an unknown login is
    /// checked against a dummy hash of the same cost, so neither the answer nor its time tells
    /// whether the login exists. The password is checked even for a lock, for the same reason.
    /// BLOCKING (bcrypt): run off the event loop.
    public func authenticate(login rawLogin: String, password: String, source: String) throws -> AuthenticationResult {
        let login = Login.normalized(rawLogin)
        let now = clock.now()
        if let wait = try writing({ records in try throttle(source, at: now, records) }) { return .throttled(retryAfterSeconds: wait) }
        let found = try Self.reading(store) { records in try Self.stored(login: login, records) }
        let matches = check(password, against: found?.hash)
        return try writing { records in
            guard let user = try Self.stored(login: login, records)?.account, found != nil else {
                // Not the typed name: it may be a password typed into the wrong field.
                try records.recordFailure(userID: nil, source: source, at: UTCTimestamp.text(now),
                                                     forgetBefore: forgetBefore(now))
                try AuditLog.record(AuditEvent(time: now, actor: AuditActor(login: "", source: source), action: .login,
                                               outcome: .failure, detail: "登录名不存在"), in: records)
                return .refused
            }
            let actor = AuditActor(login: user.login, source: source)
            let lock = user.isLocked(at: now)
                ? (user.lockedByAdministrator ? "账号已被管理员锁定" : "账号因来自多个地址的登录失败而锁定")
                : try addressLockedOut(user, source: source, at: now, records) ? "该地址因登录失败被禁止登录此账号" : nil
            if let lock {
                // Counted for the address (toward 429), not for the account: the lock is not extended.
                try records.recordFailure(userID: nil, source: source, at: UTCTimestamp.text(now),
                                                     forgetBefore: forgetBefore(now))
                try AuditLog.record(AuditEvent(time: now, actor: actor, action: .login, object: user.login, outcome: .refused,
                                               detail: lock), in: records)
                return .refused
            }
            guard matches else {
                try registerFailure(of: user, actor: actor, action: .login, at: now, records)
                return .refused
            }
            try records.setFailureLock(until: nil, userID: user.id)
            try records.forgetFailures(userID: user.id, from: source)
            let fresh = try Self.require(login: login, records).account
            let reason = fresh.passwordChangeReason(at: now, policy: policy)
            try AuditLog.record(AuditEvent(time: now, actor: actor, action: .login, object: user.login, outcome: .success,
                                           detail: reason.map { "须修改密码：\($0.rawValue)" } ?? ""), in: records)
            return reason.map { .mustChangePassword(fresh, $0) } ?? .success(fresh)
        }
    }

    /// Seconds `source` must wait when it failed too often in the last minute (audited), else nil.
    func throttle(_ source: String, at now: Date, _ records: AccountRecords) throws -> Int? {
        let minuteAgo = now.addingTimeInterval(-60)
        let (count, oldest) = try records.failures(from: source, after: UTCTimestamp.text(minuteAgo))
        guard count >= policy.addressFailuresPerMinute else { return nil }
        let age = oldest.flatMap(UTCTimestamp.date).map { now.timeIntervalSince($0) } ?? 0
        let wait = max(1, Int((60 - age).rounded(.up)))
        try AuditLog.record(AuditEvent(time: now, actor: AuditActor(login: "", source: source), action: .loginThrottled,
                                       outcome: .refused, detail: "该地址一分钟内登录失败 \(count) 次：须等待 \(wait) 秒"), in: records)
        return wait
    }

    /// Failures count back this far: the lockout window.
    func windowStart(_ now: Date) -> String { UTCTimestamp.text(now.addingTimeInterval(-policy.lockoutSeconds)) }

    /// Failures older than both windows (lockout, and the minute of the throttle) are forgotten.
    func forgetBefore(_ now: Date) -> String { UTCTimestamp.text(now.addingTimeInterval(-max(policy.lockoutSeconds, 60))) }

    /// An address locked out of one account (the account itself is not locked for everyone).
    public struct AddressLockout: Sendable, Equatable {
        public let login: String
        public let source: String
        public let until: Date
    }

    /// The addresses locked out of an account now, for the 安全管理员's page (an unlock forgets them).
    public func addressLockouts() throws -> [AddressLockout] {
        let now = clock.now()
        return try Self.reading(store) { records in
            try records.addressesAtThreshold(after: windowStart(now), threshold: policy.lockoutFailures).map { pair in
                let times = try records.failureTimes(userID: pair.userID, from: pair.source, after: windowStart(now))
                let oldest = UTCTimestamp.date(times[min(policy.lockoutFailures, times.count) - 1]) ?? now
                return AddressLockout(login: pair.login, source: pair.source, until: oldest.addingTimeInterval(policy.lockoutSeconds))
            }
        }
    }

    /// `source` failed `policy.lockoutFailures` times for this account within the lockout window.
    func addressLockedOut(_ user: Account, source: String, at now: Date, _ records: AccountRecords) throws -> Bool {
        try records.failureTimes(userID: user.id, from: source, after: windowStart(now)).count >= policy.lockoutFailures
    }

    /// Changes one's own password: the current one must be right (a wrong one counts as a failed
    /// login, toward the lockout), the new one must follow the policy and differ from the last
    /// `policy.passwordHistory` passwords. Clears the must-change flag. BLOCKING (bcrypt, once per
    /// history entry): run off the event loop.
    @discardableResult
    public func changeOwnPassword(login rawLogin: String, currentPassword: String, newPassword: String,
                                  source: String) throws -> Account {
        let login = Login.normalized(rawLogin)
        let actor = AuditActor(login: Login.printable(login), source: source)
        guard let found = try Self.reading(store, { records in try Self.stored(login: login, records) }) else {
            throw AccountError.unknownUser(Login.printable(login))
        }
        let now = clock.now()
        // A wrong current password is audited (and counted) by registerFailure, so outside `audited`.
        if !found.account.isLocked(at: now) && !check(currentPassword, against: found.hash) {
            try writing { records in try registerFailure(of: found.account, actor: actor, action: .passwordChange, at: now, records) }
            throw AccountError.wrongCurrentPassword
        }
        return try audited(.passwordChange, object: Login.printable(login), by: actor) {
            guard !found.account.isLocked(at: now) else { throw AccountError.locked(login) }
            if let problem = policy.problem(with: newPassword, login: login) { throw AccountError.weakPassword(problem) }
            let recent = try Self.reading(store) { records in
                try records.passwordHistory(userID: found.account.id, limit: policy.passwordHistory)
            }
            if ([found.hash] + recent).contains(where: { hasher.verify(newPassword, hash: $0) }) {
                throw AccountError.weakPassword(.reused(history: policy.passwordHistory))
            }
            let hash = hasher.hash(newPassword)
            return try writing { records in
                try Self.storePassword(hash, userID: found.account.id, mustChange: false, at: now, records)
                try AuditLog.record(AuditEvent(time: now, actor: actor, action: .passwordChange, object: login, outcome: .success), in: records)
                return try Self.require(login: login, records).account
            }
        }
    }

    /// bcrypt check of `password` against `hash`, or against the dummy hash when there is none. A
    /// password that could never have been set (control characters, over 72 bytes) never matches,
    /// but is still timed like one that could: bcrypt's C code would stop at a NUL or the 72nd byte.
    func check(_ password: String, against hash: String?) -> Bool {
        let acceptable = password.utf8.count <= SecurityPolicy.maximumPasswordBytes
            && !password.unicodeScalars.contains { $0.properties.generalCategory == .control }
        let matches = hasher.verify(acceptable ? password : "", hash: hash ?? hasher.dummyHash)
        return acceptable && hash != nil && matches
    }

    /// Counts a failed attempt for the account from the actor's address. At the policy's count that
    /// address is locked out of the account (audited as `lockout`); when enough addresses are, the
    /// account locks for everyone and its sessions end (audited as `lockout` too).
    func registerFailure(of user: Account, actor: AuditActor, action: AuditAction, at now: Date, _ records: AccountRecords) throws {
        try records.recordFailure(userID: user.id, source: actor.source, at: UTCTimestamp.text(now),
                                             forgetBefore: forgetBefore(now))
        try records.countFailedLogin(userID: user.id)
        let times = try records.failureTimes(userID: user.id, from: actor.source, after: windowStart(now))
        let limit = policy.lockoutFailures
        try AuditLog.record(AuditEvent(time: now, actor: actor, action: action, object: user.login, outcome: .failure,
                                       detail: "密码错误（该地址第 \(times.count) 次，上限 \(limit) 次）"), in: records)
        guard times.count == limit else { return }
        let oldest = UTCTimestamp.date(times[limit - 1]) ?? now
        let addressUntil = oldest.addingTimeInterval(policy.lockoutSeconds)
        try AuditLog.record(AuditEvent(time: now, actor: actor, action: .lockout, object: user.login, outcome: .success,
                                       detail: "该地址登录失败 \(limit) 次，\(UTCTimestamp.text(addressUntil)) 前不得登录"),
                            in: records)
        let addresses = try records.addressesAtThreshold(userID: user.id, after: windowStart(now), threshold: limit)
        guard addresses >= policy.lockoutAddresses else { return }
        let until = now.addingTimeInterval(policy.lockoutSeconds)
        try records.setFailureLock(until: UTCTimestamp.text(until), userID: user.id)
        try records.advanceSessionGeneration(userID: user.id)
        try AuditLog.record(AuditEvent(time: now, actor: actor, action: .lockout, object: user.login, outcome: .success,
                                       detail: "来自 \(addresses) 个地址的登录失败，账号对所有地址锁定至 \(UTCTimestamp.text(until))"),
                            in: records)
    }
}
