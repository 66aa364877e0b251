import Foundation
import GongkaiCore
import Store

extension AccountStore {
    /// Adds a user with an initial password, which they must change at their first login (when the
    /// policy says so, as it does by default). `displayName` defaults to the login.
    ///
    /// From the command line on the server (`AuditActor.isCommandLine`) any legal roles are given at
    /// once. From the web (the 系统管理员) administrator roles are refused, and roles that let the
    /// account see callers (督办, 承办人) are only proposed: the account starts with the others, and
    /// the proposal waits for the 安全管理员 (`approve`).
    @discardableResult
    public func addUser(login rawLogin: String, displayName: String? = nil, roles: Set<Role>, unit: String? = nil,
                        initialPassword: String, by actor: AuditActor) throws -> Account {
        let object = Login.printable(Login.normalized(rawLogin))
        return try audited(.userAdd, object: object, by: actor) {
            let login = try Login.validated(rawLogin)
            let name = try Self.validatedDisplayName(displayName ?? login)
            try validate(roles: roles, unit: unit)
            if !actor.isCommandLine && roles.contains(where: \.isAdministrator) { throw AccountError.administratorRoleOnlyOnServer }
            let granted = actor.isCommandLine ? roles : roles.filter { !$0.mayRevealCallers }
            if let problem = policy.problem(with: initialPassword, login: login) { throw AccountError.weakPassword(problem) }
            guard try user(login: login) == nil else { throw AccountError.duplicateLogin(login) }
            let hash = hasher.hash(initialPassword)
            let now = UTCTimestamp.text(clock.now())
            return try writing { records in
                guard try Self.stored(login: login, records) == nil else { throw AccountError.duplicateLogin(login) }
                try records.insertUser(login: login, displayName: name, unit: unit, passwordHash: hash, mustChange: policy.changeOnFirstLogin,
                                       roles: granted.sorted().map(\.rawValue), at: now)
                try AuditLog.record(AuditEvent(time: clock.now(), actor: actor, action: .userAdd, object: login, outcome: .success,
                                               detail: Self.describe(roles: granted, unit: unit)), in: records)
                let account = try Self.require(login: login, records).account
                if granted != roles { try propose(roles, unit: unit, for: account, by: actor, records) }
                return account
            }
        }
    }

    /// Replaces the user's roles; `unit` replaces the unit when given (a 承办人 needs one). The
    /// command line's: administrator roles are given and taken only on the server (the web's
    /// 系统管理员 asks with `requestRoles`). Ends the account's sessions; a pending proposal for the
    /// account is withdrawn, since this decision supersedes it.
    @discardableResult
    public func setRoles(login rawLogin: String, roles: Set<Role>, unit: String? = nil, by actor: AuditActor) throws -> Account {
        let login = Login.normalized(rawLogin)
        return try audited(.userRoles, object: Login.printable(login), by: actor) {
            guard actor.isCommandLine else { throw AccountError.administratorRoleOnlyOnServer }
            return try writing { records in
                let user = try Self.require(login: login, records).account
                return try applyRoles(roles, unit: unit ?? user.unit, to: user, action: .userRoles, by: actor, detail: "", records)
            }
        }
    }

    /// Replaces the roles and unit, ends the account's sessions, withdraws a pending proposal, and
    /// audits the change under `action`.
    func applyRoles(_ roles: Set<Role>, unit: String?, to user: Account, action: AuditAction, by actor: AuditActor,
                    detail: String, _ records: AccountRecords) throws -> Account {
        try validate(roles: roles, unit: unit)
        try records.setRoles(roles.sorted().map(\.rawValue), unit: unit, userID: user.id)
        try records.advanceSessionGeneration(userID: user.id)
        if action == .userRoles {
            try records.withdrawPending(userID: user.id, by: actor.login, at: UTCTimestamp.text(clock.now()))
        }
        let change = "\(Self.describe(roles: user.roles, unit: user.unit)) → \(Self.describe(roles: roles, unit: unit))"
        try AuditLog.record(AuditEvent(time: clock.now(), actor: actor, action: action, object: user.login, outcome: .success,
                                       detail: detail.isEmpty ? change : "\(change); \(detail)"), in: records)
        return try Self.require(login: user.login, records).account
    }

    /// Sets a new password chosen by an administrator; the user must change it at the next login,
    /// and every session of the account ends. The lock state is left alone: unlocking is the
    /// 安全管理员's decision. From the web (the 系统管理员) only for an account that neither sees
    /// callers nor administers, and never one's own: those are the 安全管理员's
    /// (`resetWithOneTimePassword`).
    public func resetPassword(login rawLogin: String, newPassword: String, by actor: AuditActor) throws {
        let login = Login.normalized(rawLogin)
        try audited(.passwordReset, object: Login.printable(login), by: actor) {
            guard let target = try user(login: login) else { throw AccountError.unknownUser(Login.printable(login)) }
            if !actor.isCommandLine {
                guard target.login != actor.login else { throw AccountError.ownAccount }
                guard !target.isPrivileged else { throw AccountError.resetNeedsSecurityAdministrator(login) }
            }
            if let problem = policy.problem(with: newPassword, login: login) { throw AccountError.weakPassword(problem) }
            let hash = hasher.hash(newPassword)
            try writing { records in
                let user = try Self.require(login: login, records).account
                try Self.storePassword(hash, userID: user.id, mustChange: policy.changeOnFirstLogin, at: clock.now(), records)
                try AuditLog.record(AuditEvent(time: clock.now(), actor: actor, action: .passwordReset, object: login,
                                               outcome: .success, detail: "下次登录须修改"), in: records)
            }
        }
    }

    /// Locks the account by hand until `unlock`: no login succeeds meanwhile, and its sessions end.
    public func lock(login rawLogin: String, by actor: AuditActor) throws {
        try setAdministratorLock(true, login: Login.normalized(rawLogin), by: actor)
    }

    /// Ends a lock, by hand or after failed logins (from one address or several), and forgets the failures.
    public func unlock(login rawLogin: String, by actor: AuditActor) throws {
        try setAdministratorLock(false, login: Login.normalized(rawLogin), by: actor)
    }

    private func setAdministratorLock(_ locked: Bool, login: String, by actor: AuditActor) throws {
        let action: AuditAction = locked ? .userLock : .userUnlock
        try audited(action, object: Login.printable(login), by: actor) {
            try writing { records in
                let user = try Self.require(login: login, records).account
                if locked {
                    try records.setAdministratorLock(true, userID: user.id)
                    try records.advanceSessionGeneration(userID: user.id)
                } else {
                    try records.setAdministratorLock(false, userID: user.id)
                    try records.forgetFailures(userID: user.id, from: nil)
                }
                try AuditLog.record(AuditEvent(time: clock.now(), actor: actor, action: action, object: login, outcome: .success), in: records)
            }
        }
    }

    // MARK: Rules

    /// Roles held together legally, and a unit that is a township (required for a 承办人).
    func validate(roles: Set<Role>, unit: String?) throws {
        try Role.validate(roles)
        if let unit {
            guard townships.names.contains(unit) else {
                throw AccountError.unknownUnit(Login.printable(unit), known: townships.names)
            }
        } else if roles.contains(.handler) {
            throw AccountError.unitRequired
        }
    }

    static func validatedDisplayName(_ text: String) throws(AccountError) -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { throw AccountError.invalidDisplayName(reason: "须为 1 至 64 个字符") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) else {
            throw AccountError.invalidDisplayName(reason: "不能含有控制字符")
        }
        return name
    }

    /// Stores a new hash, its history entry, clears the failure count, and ends the account's
    /// sessions (the caller's own is renewed by the web server).
    static func storePassword(_ hash: String, userID: Int64, mustChange: Bool, at time: Date, _ records: AccountRecords) throws {
        try records.setPassword(hash: hash, userID: userID, mustChange: mustChange, at: UTCTimestamp.text(time))
        try records.advanceSessionGeneration(userID: userID)
    }

    /// "督办, 领导" or "承办人 @三营镇", for audit details.
    static func describe(roles: Set<Role>, unit: String?) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ", ") + (unit.map { " @\($0)" } ?? "")
    }
}
