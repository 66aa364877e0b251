/// Everything the application lets a person do. A closed list: every web route and every guarded
/// operation names exactly one of these, and `Role.permissions` (Role+Permissions.swift) is the only
/// place that says who holds which — "a permission lives once, in Accounts".
///
/// Raw values are stable identifiers (docs/roles.md and the route table use them).
public enum Permission: String, CaseIterable, Sendable, Hashable, Codable {
    /// Record a new complaint (登记).
    case recordComplaint
    /// See every complaint (list, detail, history), without caller identity.
    case viewComplaints
    /// See the complaints of one's own unit (township) only, without caller identity.
    case viewOwnUnitComplaints
    /// Take the steps a 承办人 takes on a complaint of their unit: sign for (签收), send a misrouted
    /// complaint back (退单), reply (答复), close (办结; after the centre's callback, or the reply
    /// when anonymous), pause and resume the clock while waiting on the caller, ask for an extension.
    case handleComplaint
    /// Call the caller back after the reply and record their rating (回访): the centre's step, never
    /// the unit's that replied, so the published 满意率 does not rest on self-rating (12345 practice).
    case callBack
    /// Assign, transfer, supervise (督办), urge a unit (催办), extend (directly, or approving or
    /// rejecting a request), pause and resume, merge duplicates and close complaints.
    case superviseComplaint
    /// See a caller's name and phone after typing a reason (audited). Handlers only for complaints
    /// assigned to them: the web layer checks that scope.
    case revealCallerIdentity
    /// The dashboard of figures and deadlines.
    case viewDashboard
    /// Monthly indicator and evaluation reports.
    case viewReports
    /// Download complaint lists as CSV (without caller identity).
    case exportComplaints
    /// Read the published months (already public).
    case viewPublications
    /// Add users, set their business roles and units (roles that see callers only as proposals),
    /// reset the passwords of accounts that neither see callers nor administer.
    case manageUsers
    /// Change office settings (templates) from the application.
    case manageSettings
    /// Change the password and lockout policy.
    case manageSecurityPolicy
    /// Lock an account by hand (leave, suspicion of misuse).
    case lockAccounts
    /// Unlock an account locked by hand or by failed logins.
    case unlockAccounts
    /// Approve or reject the roles the 系统管理员 proposed that let an account see callers (督办,
    /// 承办人): an authorisation, decided by someone other than who asked (三员分立).
    case approveRoles
    /// Reset the password of an account that sees callers or administers, with a one-time password.
    case resetPrivilegedPasswords
    /// Read and filter the audit log.
    case readAuditLog
    /// Export the audit log as CSV.
    case exportAuditLog
    /// Change one's own password (everyone).
    case changeOwnPassword
}
