import Foundation

/// The password, lockout, session and audit rules, from templates/security.toml.
///
/// The defaults follow 等保 2.0 level-2 practice; the file may make them stricter, and the loader
/// refuses values below the floors (bcrypt cost 12, audit retention 180 days — 网络安全法 §21 asks for
/// at least six months of logs).
public struct SecurityPolicy: Sendable, Equatable {
    /// Shortest password, in characters.
    public let passwordMinLength: Int
    /// How many of the four classes (upper-case, lower-case, digit, other) a password needs.
    public let passwordRequiredClasses: Int
    /// A password set by someone else (a new account, a reset) must be changed at the next login.
    public let changeOnFirstLogin: Bool
    /// After this many days a password must be changed at the next login.
    public let passwordMaxAgeDays: Int
    /// The last N passwords (the current one included) cannot be chosen again.
    public let passwordHistory: Int
    /// bcrypt's cost (log2 of the rounds). 12 takes about a quarter of a second here.
    public let bcryptCost: Int
    /// Failed logins for one account from one client address (within `lockoutMinutes`) after which
    /// that address may not log in to that account for `lockoutMinutes`.
    public let lockoutFailures: Int
    /// How long such a lock lasts, and how far back failures count.
    public let lockoutMinutes: Int
    /// How many addresses must each reach `lockoutFailures` before the account locks for everyone:
    /// one address (an anonymous attacker on the intranet) can never lock a user out.
    public let lockoutAddresses: Int
    /// Failed logins from one address within a minute, whatever the accounts, after which that
    /// address is answered 429 (slowed down) until the minute has passed.
    public let addressFailuresPerMinute: Int
    /// Duplicate checks (by phone or household) one account may run at intake in an hour: each one
    /// tells whether a phone has called before, so a clerk may not probe numbers at will.
    public let duplicateChecksPerHour: Int
    /// A session unused this long ends (read by the web server).
    public let sessionIdleMinutes: Int
    /// A session ends this long after login, used or not (read by the web server).
    public let sessionAbsoluteHours: Int
    /// Audit records younger than this are never purged.
    public let auditRetentionDays: Int
    /// The public channel's limits per address, number and form (`[public]`).
    public var publicChannel = PublicChannelLimits.standard

    /// Lowest bcrypt cost security.toml may set.
    public static let minimumBcryptCost = 12
    /// Shortest audit retention security.toml may set (six months, 网络安全法 §21).
    public static let minimumAuditRetentionDays = 180

    /// The defaults (what templates/security.toml ships with).
    public static let standard = SecurityPolicy(
        passwordMinLength: 8, passwordRequiredClasses: 3, changeOnFirstLogin: true, passwordMaxAgeDays: 90,
        passwordHistory: 5, bcryptCost: 12, lockoutFailures: 5, lockoutMinutes: 30, lockoutAddresses: 3,
        addressFailuresPerMinute: 10, duplicateChecksPerHour: 30,
        sessionIdleMinutes: 30, sessionAbsoluteHours: 8, auditRetentionDays: 180)

    init(passwordMinLength: Int, passwordRequiredClasses: Int, changeOnFirstLogin: Bool, passwordMaxAgeDays: Int,
         passwordHistory: Int, bcryptCost: Int, lockoutFailures: Int, lockoutMinutes: Int, lockoutAddresses: Int,
         addressFailuresPerMinute: Int, duplicateChecksPerHour: Int,
         sessionIdleMinutes: Int, sessionAbsoluteHours: Int, auditRetentionDays: Int) {
        self.passwordMinLength = passwordMinLength
        self.passwordRequiredClasses = passwordRequiredClasses
        self.changeOnFirstLogin = changeOnFirstLogin
        self.passwordMaxAgeDays = passwordMaxAgeDays
        self.passwordHistory = passwordHistory
        self.bcryptCost = bcryptCost
        self.lockoutFailures = lockoutFailures
        self.lockoutMinutes = lockoutMinutes
        self.lockoutAddresses = lockoutAddresses
        self.addressFailuresPerMinute = addressFailuresPerMinute
        self.duplicateChecksPerHour = duplicateChecksPerHour
        self.sessionIdleMinutes = sessionIdleMinutes
        self.sessionAbsoluteHours = sessionAbsoluteHours
        self.auditRetentionDays = auditRetentionDays
    }

    /// The standard policy with a cheaper bcrypt cost, for TESTS ONLY: a suite that hashes hundreds of
    /// passwords at cost 12 takes minutes. Production code never calls this; security.toml cannot set
    /// a cost below 12. `cost` is clamped to bcrypt's range 4…31.
    public static func forTestsOnly(bcryptCost cost: Int) -> SecurityPolicy {
        let s = standard
        return SecurityPolicy(
            passwordMinLength: s.passwordMinLength, passwordRequiredClasses: s.passwordRequiredClasses,
            changeOnFirstLogin: s.changeOnFirstLogin, passwordMaxAgeDays: s.passwordMaxAgeDays,
            passwordHistory: s.passwordHistory, bcryptCost: min(max(cost, 4), 31), lockoutFailures: s.lockoutFailures,
            lockoutMinutes: s.lockoutMinutes, lockoutAddresses: s.lockoutAddresses,
            addressFailuresPerMinute: s.addressFailuresPerMinute, duplicateChecksPerHour: s.duplicateChecksPerHour,
            sessionIdleMinutes: s.sessionIdleMinutes,
            sessionAbsoluteHours: s.sessionAbsoluteHours, auditRetentionDays: s.auditRetentionDays)
    }

    /// The session idle timeout in seconds.
    public var sessionIdleSeconds: TimeInterval { TimeInterval(sessionIdleMinutes * 60) }
    /// The session absolute lifetime in seconds.
    public var sessionAbsoluteSeconds: TimeInterval { TimeInterval(sessionAbsoluteHours * 3600) }
    /// The lockout duration in seconds.
    public var lockoutSeconds: TimeInterval { TimeInterval(lockoutMinutes * 60) }
    /// The password maximum age in seconds.
    public var passwordMaxAgeSeconds: TimeInterval { TimeInterval(passwordMaxAgeDays * 86400) }
}
