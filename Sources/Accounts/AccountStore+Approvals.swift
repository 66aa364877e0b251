import Foundation
import GongkaiCore
import Store

/// What became of a role change asked for through the web.
public enum RoleChange: Sendable, Equatable {
    /// In force now (it lets the account see no more callers than before).
    case applied(Account)
    /// Waiting for the 安全管理员: it would let the account see callers.
    case proposed
}

/// A proposal as the pages show it.
public typealias RoleProposal = AccountRecords.Proposal

extension AccountStore {
    /// The 系统管理员's role change for another, non-administrator account (三员分立, GB/T 22239-2019
    /// level 2): administrator roles are refused (they are the command line's), so is one's own
    /// account. A change that lets the account see more callers — a new 督办 or 承办人, or a 承办人 of
    /// another unit — is filed as a proposal for the 安全管理员; any other change applies at once.
    @discardableResult
    public func requestRoles(login rawLogin: String, roles: Set<Role>, unit: String? = nil, by actor: AuditActor) throws -> RoleChange {
        let login = Login.normalized(rawLogin)
        return try audited(.userRoles, object: Login.printable(login), by: actor) {
            guard !roles.contains(where: \.isAdministrator) else { throw AccountError.administratorRoleOnlyOnServer }
            return try writing { records in
                let user = try Self.require(login: login, records).account
                guard user.login != actor.login else { throw AccountError.ownAccount }
                guard !user.roles.contains(where: \.isAdministrator) else { throw AccountError.administratorAccount(user.login) }
                let newUnit = unit ?? user.unit
                try validate(roles: roles, unit: newUnit)
                let reveal = roles.filter(\.mayRevealCallers)
                let widens = !reveal.isSubset(of: user.roles) || (roles.contains(.handler) && newUnit != user.unit)
                guard widens else { return .applied(try applyRoles(roles, unit: newUnit, to: user, action: .userRoles, by: actor, detail: "", records)) }
                try propose(roles, unit: newUnit, for: user, by: actor, records)
                return .proposed
            }
        }
    }

    /// Files a proposal (replacing the account's pending one), audited as `user.roles.propose`.
    func propose(_ roles: Set<Role>, unit: String?, for user: Account, by actor: AuditActor, _ records: AccountRecords) throws {
        let now = clock.now()
        try records.propose(userID: user.id, roles: roles.sorted().map(\.rawValue), unit: unit, by: actor.login,
                                           at: UTCTimestamp.text(now))
        try AuditLog.record(AuditEvent(time: now, actor: actor, action: .userRolesPropose, object: user.login, outcome: .success,
                                       detail: "\(Self.describe(roles: user.roles, unit: user.unit)) → \(Self.describe(roles: roles, unit: unit))；待安全管理员批准"),
                            in: records)
    }

    /// Pending proposals (oldest first), then the latest 50 decisions.
    public func proposals() throws -> [RoleProposal] {
        try Self.reading(store) { records in try records.proposals(decided: 50) }
    }

    /// The 安全管理员 approves proposal `id`: the roles take effect, the account's sessions end, and
    /// its password becomes a one-time password returned here for the 安全管理员 to hand over (changed
    /// at the next login). So the 系统管理员, who chose or reset the account's password, never knows
    /// the password of an account that sees callers. Nobody approves their own proposal.
    /// BLOCKING (bcrypt): run off the event loop.
    public func approve(proposal id: Int64, by actor: AuditActor) throws -> (account: Account, oneTimePassword: String) {
        let password = Self.oneTimePassword()
        let account = try decide(id, approved: true, reason: nil, newPassword: (password, hasher.hash(password)), by: actor)
        return (account, password)
    }

    /// The 安全管理员 rejects proposal `id`, with the reason: nothing changes.
    public func reject(proposal id: Int64, reason: String, by actor: AuditActor) throws {
        try decide(id, approved: false, reason: reason, newPassword: nil, by: actor)
    }

    @discardableResult
    private func decide(_ id: Int64, approved: Bool, reason: String?, newPassword: (text: String, hash: String)?,
                        by actor: AuditActor) throws -> Account {
        let action: AuditAction = approved ? .userRolesApprove : .userRolesReject
        let pending = try Self.reading(store) { records in try records.proposal(id: id) }
        return try audited(action, object: pending?.login ?? "#\(id)", by: actor) {
            let why = reason.map { AuditLog.clean($0, 500).trimmingCharacters(in: .whitespaces) }
            if !approved && (why ?? "").isEmpty { throw AccountError.reasonRequired }
            return try writing { records in
                guard let proposal = try records.proposal(id: id), proposal.state == "pending" else {
                    throw AccountError.proposalNotPending
                }
                guard proposal.proposedBy != actor.login else { throw AccountError.ownProposal }
                let user = try Self.require(login: proposal.login, records).account
                guard user.login != actor.login else { throw AccountError.ownAccount }
                guard try records.decide(id: id, approved: approved, by: actor.login, at: UTCTimestamp.text(clock.now()),
                                         reason: why) else { throw AccountError.proposalNotPending }
                let roles = Set(try proposal.roles.map { try Role.named($0) })
                let detail = "由 \(proposal.proposedBy) 提出"
                guard approved else {
                    try AuditLog.record(AuditEvent(time: clock.now(), actor: actor, action: action, object: user.login, outcome: .success,
                                                   detail: "\(Self.describe(roles: roles, unit: proposal.unit))；\(detail)；理由：\(why ?? "")"),
                                        in: records)
                    return user
                }
                let approvedAccount = try applyRoles(roles, unit: proposal.unit, to: user, action: action, by: actor,
                                                     detail: detail + "；已发放一次性密码", records)
                if let newPassword { try Self.storePassword(newPassword.hash, userID: user.id, mustChange: true, at: clock.now(), records) }
                return try Self.require(login: approvedAccount.login, records).account
            }
        }
    }

    /// The 安全管理员 resets the password of another account and gets a new random one to hand over
    /// once: it must be changed at the next login (whatever the policy's first-login setting), and
    /// every session of the account ends. Returns the one-time password; it is never stored or logged.
    /// BLOCKING (bcrypt).
    public func resetWithOneTimePassword(login rawLogin: String, by actor: AuditActor) throws -> String {
        let login = Login.normalized(rawLogin)
        return try audited(.passwordReset, object: Login.printable(login), by: actor) {
            guard try user(login: login) != nil else { throw AccountError.unknownUser(Login.printable(login)) }
            guard login != actor.login else { throw AccountError.ownAccount }
            let password = Self.oneTimePassword()
            let hash = hasher.hash(password)
            try writing { records in
                let user = try Self.require(login: login, records).account
                try Self.storePassword(hash, userID: user.id, mustChange: true, at: clock.now(), records)
                try AuditLog.record(AuditEvent(time: clock.now(), actor: actor, action: .passwordReset, object: login,
                                               outcome: .success, detail: "一次性密码；下次登录须修改"), in: records)
            }
            return password
        }
    }

    /// 16 random bytes in hex between fixed upper-case letters and hyphens: 38 characters of all four
    /// classes, so it passes any policy security.toml may set (at most 64 characters, 4 classes).
    static func oneTimePassword() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        return "GK-" + hex + "-Q7"
    }
}
