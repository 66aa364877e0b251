extension Role {
    /// THE permission table: which role may do what. docs/roles.md shows it, and a test checks the
    /// document against this table cell by cell, so the two cannot disagree.
    ///
    /// Least privilege: 领导 reads and changes nothing; no administrator role sees complaints or
    /// callers; only 审计管理员 reads the audit log.
    public var permissions: Set<Permission> {
        switch self {
        case .intake:
            [.recordComplaint, .viewComplaints, .callBack, .viewPublications, .changeOwnPassword]
        case .handler:
            [.viewOwnUnitComplaints, .handleComplaint, .revealCallerIdentity, .viewPublications, .changeOwnPassword]
        case .supervisor:
            [.recordComplaint, .viewComplaints, .superviseComplaint, .callBack, .revealCallerIdentity, .viewDashboard, .viewReports,
             .exportComplaints, .viewPublications, .changeOwnPassword]
        case .leader:
            [.viewComplaints, .viewDashboard, .viewReports, .viewPublications, .changeOwnPassword]
        case .systemAdministrator:
            [.manageUsers, .manageSettings, .changeOwnPassword]
        case .securityAdministrator:
            [.manageSecurityPolicy, .lockAccounts, .unlockAccounts, .approveRoles, .resetPrivilegedPasswords, .changeOwnPassword]
        case .auditAdministrator:
            [.readAuditLog, .exportAuditLog, .changeOwnPassword]
        }
    }
}
