import Foundation

/// What a person does in the office. The raw values are the Chinese names the office uses; the CLI
/// (`--role 督办`), the database (`user_role.role`) and docs/roles.md all use them.
///
/// Four business roles and three administrator roles. As 等保 2.0 asks (GB/T 22239-2019, 三权分立),
/// the administrator roles are disjoint: whoever holds one holds no other role at all, so the person
/// who manages accounts cannot read the audit log that records what they did, nor see callers.
public enum Role: String, CaseIterable, Sendable, Hashable, Codable {
    /// 登记员: takes hotline calls and visits, records complaints.
    case intake = "登记员"
    /// 承办人: handles the complaints of their own unit (township) only.
    case handler = "承办人"
    /// 督办: assigns and supervises every complaint.
    case supervisor = "督办"
    /// 领导: reads the dashboard, reports and lists, never caller identity; changes nothing.
    case leader = "领导"
    /// 系统管理员: users and settings; never caller identity, never the audit log.
    case systemAdministrator = "系统管理员"
    /// 安全管理员: password and lockout policy, locking and unlocking accounts.
    case securityAdministrator = "安全管理员"
    /// 审计管理员: reads the audit log, and nothing else.
    case auditAdministrator = "审计管理员"

    /// One of the three separated administrator roles.
    public var isAdministrator: Bool {
        switch self {
        case .systemAdministrator, .securityAdministrator, .auditAdministrator: true
        case .intake, .handler, .supervisor, .leader: false
        }
    }

    /// The role lets its holder see callers' names and phones (督办, 承办人): granting it is an
    /// authorisation, which takes effect only when the 安全管理员 approves it (`AccountStore.approve`).
    public var mayRevealCallers: Bool { permissions.contains(.revealCallerIdentity) }

    /// The role's English name, for docs and help.
    public var englishName: String {
        switch self {
        case .intake: "intake clerk"
        case .handler: "handler"
        case .supervisor: "supervisor"
        case .leader: "leader"
        case .systemAdministrator: "system administrator"
        case .securityAdministrator: "security administrator"
        case .auditAdministrator: "audit administrator"
        }
    }

    /// The Chinese names, for help texts and error messages.
    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The role with this Chinese name (a form field, a script's argument), or an error listing the
    /// names (added after the first API commit).
    public static func named(_ name: String) throws(AccountError) -> Role {
        guard let role = Role(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
            throw AccountError.unknownRole(Login.printable(name))
        }
        return role
    }

    /// Checks that a set of roles may be held by one person: at least one role, and an administrator
    /// role only alone (三权分立). A 承办人 needs a unit, which `AccountStore` checks with the unit.
    public static func validate(_ roles: Set<Role>) throws(AccountError) {
        guard !roles.isEmpty else { throw AccountError.noRoles }
        let administrator = roles.filter(\.isAdministrator)
        if !administrator.isEmpty && roles.count > 1 {
            throw AccountError.administratorRoleNotAlone(roles.sorted())
        }
    }
}

extension Role: Comparable {
    /// The order of `allCases` (business roles first), so lists and tables are stable.
    public static func < (a: Role, b: Role) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
