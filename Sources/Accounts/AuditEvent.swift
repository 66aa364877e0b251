import Foundation

/// Who did something, from where: the login (or `cli:<user>` for the command line, or "" when nobody
/// is known, such as a failed login with an unknown name) and the client address (or "cli").
public struct AuditActor: Sendable, Equatable {
    public let login: String
    public let source: String

    public init(login: String, source: String) { self.login = login; self.source = source }

    /// The `gongkai user` command on the server, as opposed to a web request: only it grants
    /// administrator roles (a web client address is never the text "cli").
    public var isCommandLine: Bool { source == "cli" && login.hasPrefix("cli:") }

    /// The command line run by the operating-system user `user` (`$USER`).
    public static func commandLine(user: String) -> AuditActor {
        AuditActor(login: "cli:\(user.isEmpty ? "unknown" : user)", source: "cli")
    }
}

/// What happened. Open for other modules (the web server audits desk steps, reveals, exports): a
/// struct with the common actions as constants, not a closed enum. Raw values are stable: scripts
/// filter on them (`gongkai audit list --action login`).
public struct AuditAction: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let login = AuditAction("login")
    public static let logout = AuditAction("logout")
    /// An account locked after too many failed logins.
    public static let lockout = AuditAction("lockout")
    public static let passwordChange = AuditAction("password.change")
    public static let passwordReset = AuditAction("password.reset")
    public static let userAdd = AuditAction("user.add")
    public static let userRoles = AuditAction("user.roles")
    /// Roles that let an account see callers, asked for by the 系统管理员 (object: the login).
    public static let userRolesPropose = AuditAction("user.roles.propose")
    /// A proposal approved by the 安全管理员: the roles take effect (object: the login).
    public static let userRolesApprove = AuditAction("user.roles.approve")
    /// A proposal rejected by the 安全管理员, with the reason (object: the login).
    public static let userRolesReject = AuditAction("user.roles.reject")
    /// A login not even checked: its address failed too often in the last minute (HTTP 429).
    public static let loginThrottled = AuditAction("login.throttled")
    public static let userLock = AuditAction("user.lock")
    public static let userUnlock = AuditAction("user.unlock")
    /// A caller's name and phone shown, with the reason typed (object: the complaint id).
    public static let revealCallerIdentity = AuditAction("complaint.reveal")
    /// A desk step on a complaint (detail: the step).
    public static let complaintStep = AuditAction("complaint.step")
    /// A search of complaints by a caller's phone (through its keyed digest): the reason, never the phone.
    public static let callerPhoneSearch = AuditAction("complaint.phone_search")
    /// A complaint supervised (督办) by the system because it turned red (object: the complaint id).
    public static let complaintAutoSupervise = AuditAction("complaint.autoSupervise")
    public static let export = AuditAction("export")
    public static let publish = AuditAction("publish")
    /// A request refused for lack of permission (object: the route).
    public static let accessDenied = AuditAction("access.denied")
    public static let auditExport = AuditAction("audit.export")
}

/// How it ended: done, failed (wrong password, bad input), or refused (no permission, locked).
public enum AuditOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    case success, failure, refused
}

/// One audit record to append.
public struct AuditEvent: Sendable, Equatable {
    public let time: Date
    public let actor: AuditActor
    public let action: AuditAction
    /// What it was done to: a login, a complaint id, a route, a month.
    public let object: String
    public let outcome: AuditOutcome
    /// Free text: the reason typed for a reveal, the roles set, why a login was refused. Never a
    /// password.
    public let detail: String

    public init(time: Date, actor: AuditActor, action: AuditAction, object: String = "",
                outcome: AuditOutcome, detail: String = "") {
        self.time = time; self.actor = actor; self.action = action
        self.object = object; self.outcome = outcome; self.detail = detail
    }
}

/// One stored audit record.
public struct AuditEntry: Sendable, Equatable, Identifiable {
    public let id: Int64
    /// UTC ISO 8601 as stored ("2026-11-05T01:30:00Z").
    public let time: String
    public let actor: String
    public let source: String
    public let action: String
    public let object: String
    public let outcome: String
    public let detail: String
}
