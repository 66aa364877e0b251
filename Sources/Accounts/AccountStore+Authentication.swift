import Foundation
import GRDB
import GongkaiCore

extension AccountStore {
    /// Checks a login attempt from `source` (the client address), audits it, and counts failures:
    /// after `policy.lockoutFailures` wrong passwords in a row the account is locked for
    /// `policy.lockoutMinutes` (audited as `lockout`).
    ///
    /// An unknown login, a wrong password and a locked account all answer `.refused`, and an unknown
    /// login is checked against a dummy hash of the same cost, so neither the answer nor its time tells
    /// whether the login exists. The password is checked even for a locked account, for the same
    /// reason. BLOCKING (bcrypt): run off the event loop.
    public func authenticate(login rawLogin: String, password: String, source: String) throws -> AuthenticationResult {
        let login = Login.normalized(rawLogin)
        let found = try store.read { db in try Self.stored(login: login, db) }
        let matches = check(password, against: found?.hash)
        let now = clock.now()
        return try store.write { db in
            guard let user = try Self.stored(login: login, db)?.account, found != nil else {
                // Not the typed name: it may be a password typed into the wrong field.
                try AuditLog.record(AuditEvent(time: now, actor: AuditActor(login: "", source: source), action: .login,
                                               outcome: .failure, detail: "unknown login"), in: db)
                return .refused
            }
            let actor = AuditActor(login: user.login, source: source)
            if user.isLocked(at: now) {
                try AuditLog.record(AuditEvent(time: now, actor: actor, action: .login, object: user.login, outcome: .refused,
                                               detail: user.lockedByAdministrator ? "account locked by an administrator" : "account locked after failed logins"),
                                    in: db)
                return .refused
            }
            guard matches else {
                try registerFailure(of: user, actor: actor, action: .login, at: now, db)
                return .refused
            }
            try db.execute(sql: "UPDATE user_account SET failed_count = 0, locked_until = NULL WHERE id = ?", arguments: [user.id])
            let fresh = try Self.require(login: login, db).account
            let reason = fresh.passwordChangeReason(at: now, policy: policy)
            try AuditLog.record(AuditEvent(time: now, actor: actor, action: .login, object: user.login, outcome: .success,
                                           detail: reason.map { "must change password: \($0.rawValue)" } ?? ""), in: db)
            return reason.map { .mustChangePassword(fresh, $0) } ?? .success(fresh)
        }
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
        guard let found = try store.read({ db in try Self.stored(login: login, db) }) else {
            throw AccountError.unknownUser(Login.printable(login))
        }
        let now = clock.now()
        // A wrong current password is audited (and counted) by registerFailure, so outside `audited`.
        if !found.account.isLocked(at: now) && !check(currentPassword, against: found.hash) {
            try store.write { db in try registerFailure(of: found.account, actor: actor, action: .passwordChange, at: now, db) }
            throw AccountError.wrongCurrentPassword
        }
        return try audited(.passwordChange, object: Login.printable(login), by: actor) {
            guard !found.account.isLocked(at: now) else { throw AccountError.locked(login) }
            if let problem = policy.problem(with: newPassword, login: login) { throw AccountError.weakPassword(problem) }
            let recent = try store.read { db in
                try String.fetchAll(db, sql: "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                                    arguments: [found.account.id, policy.passwordHistory])
            }
            if ([found.hash] + recent).contains(where: { hasher.verify(newPassword, hash: $0) }) {
                throw AccountError.weakPassword(.reused(history: policy.passwordHistory))
            }
            let hash = hasher.hash(newPassword)
            return try store.write { db in
                try Self.storePassword(hash, userID: found.account.id, mustChange: false, at: now, db)
                try AuditLog.record(AuditEvent(time: now, actor: actor, action: .passwordChange, object: login, outcome: .success), in: db)
                return try Self.require(login: login, db).account
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

    /// Counts a failed attempt; at the policy's threshold locks the account for the lockout time and
    /// starts the count afresh (audited as `lockout`).
    func registerFailure(of user: Account, actor: AuditActor, action: AuditAction, at now: Date, _ db: Database) throws {
        let failures = (try Int.fetchOne(db, sql: "SELECT failed_count FROM user_account WHERE id = ?", arguments: [user.id]) ?? 0) + 1
        try AuditLog.record(AuditEvent(time: now, actor: actor, action: action, object: user.login, outcome: .failure,
                                       detail: "wrong password (\(failures) of \(policy.lockoutFailures))"), in: db)
        if failures >= policy.lockoutFailures {
            let until = now.addingTimeInterval(policy.lockoutSeconds)
            try db.execute(sql: "UPDATE user_account SET failed_count = 0, locked_until = ? WHERE id = ?",
                           arguments: [UTCTimestamp.text(until), user.id])
            try AuditLog.record(AuditEvent(time: now, actor: actor, action: .lockout, object: user.login, outcome: .success,
                                           detail: "locked until \(UTCTimestamp.text(until)) after \(failures) failed attempts"), in: db)
        } else {
            try db.execute(sql: "UPDATE user_account SET failed_count = ? WHERE id = ?", arguments: [failures, user.id])
        }
    }
}
