import Foundation

/// A user of the web application, as stored. Never carries the password hash out of `AccountStore`.
public struct Account: Sendable, Equatable, Identifiable {
    public let id: Int64
    /// Unique, lower-case ASCII (`Login.normalized`).
    public let login: String
    public let displayName: String
    /// The township a 承办人 works for (their complaints only); nil for other roles.
    public let unit: String?
    public let roles: Set<Role>
    /// The password was set by someone else (new account, reset): change it before anything else.
    public let mustChangePassword: Bool
    public let passwordChangedAt: Date
    /// Failed logins since the last success (reset when the account locks).
    public let failedCount: Int
    /// Locked after too many failures until this time (may be in the past: then no longer locked).
    public let lockedUntil: Date?
    /// Locked by hand by the 安全管理员, until unlocked.
    public let lockedByAdministrator: Bool
    public let createdAt: Date
    /// Moves on at every event that must end the account's sessions (a password change, a role
    /// change, a lock, a reset): a session opened under an older generation is refused.
    public let sessionGeneration: Int64

    /// Everything the account's roles allow.
    public var permissions: Set<Permission> { roles.reduce(into: []) { $0.formUnion($1.permissions) } }

    public func has(_ permission: Permission) -> Bool { roles.contains { $0.permissions.contains(permission) } }

    /// Sees callers (督办, 承办人) or administers: roles that only the 安全管理员's approval grants
    /// and whose password only the 安全管理员 resets.
    public var isPrivileged: Bool { roles.contains { $0.isAdministrator || $0.mayRevealCallers } }

    /// Locked now, by hand or after failures.
    public func isLocked(at now: Date) -> Bool {
        lockedByAdministrator || (lockedUntil.map { $0 > now } ?? false)
    }

    /// Why the password must be changed at `now`, if it must.
    public func passwordChangeReason(at now: Date, policy: SecurityPolicy) -> PasswordChangeReason? {
        if mustChangePassword { return .setByAdministrator }
        if now.timeIntervalSince(passwordChangedAt) >= policy.passwordMaxAgeSeconds { return .expired }
        return nil
    }
}

/// Why a user must choose a new password before going on.
public enum PasswordChangeReason: String, Sendable, Equatable {
    /// A new account or a reset: the administrator knows the password.
    case setByAdministrator
    /// Older than the policy's maximum age.
    case expired

    /// The reason in Chinese, for the web page.
    public var message: String {
        switch self {
        case .setByAdministrator: "首次登录或密码被重置后，须先修改密码"
        case .expired: "密码已超过有效期，须修改密码"
        }
    }
}

/// Login names: 1–64 characters of a–z, 0–9, '.', '_', '-', starting with a letter or digit. ASCII
/// only, so no two names look alike (homoglyphs) and a name is safe in a log line, a CSV cell and a
/// URL. Input is lower-cased first, so "Ma.Li" and "ma.li" are the same user.
public enum Login {
    public static func normalized(_ text: String) -> String { text.lowercased() }

    /// The normalized login, or the reason it is not one.
    public static func validated(_ text: String) throws(AccountError) -> String {
        let login = normalized(text)
        guard !login.isEmpty, login.utf8.count <= 64 else {
            throw AccountError.invalidLogin(String(text.prefix(64)), reason: "it must have 1 to 64 characters")
        }
        let allowed = login.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
        guard allowed, let first = login.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "_"), first != UInt8(ascii: "-") else {
            throw AccountError.invalidLogin(printable(text), reason: "use a–z, 0–9, '.', '_' and '-', starting with a letter or digit")
        }
        return login
    }

    /// Hostile text made safe to echo in one line (control characters replaced, length capped).
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(64).map {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? "\u{FFFD}" : $0
        }))
    }
}
