import Accounts

/// What each permission lets a person do, in the office's words (the home page lists them).
enum PermissionLabel {
    static func chinese(_ permission: Permission) -> String {
        switch permission {
        case .recordComplaint: "登记投诉"
        case .viewComplaints: "查看全部投诉（不含来电人身份）"
        case .viewOwnUnitComplaints: "查看本单位的投诉（不含来电人身份）"
        case .handleComplaint: "办理本单位的投诉（签收、退单、答复、办结、暂停计时、申请延期）"
        case .callBack: "回访来电人并记录评价（中心独立回访，不能回访本人答复的投诉）"
        case .superviseComplaint: "转办、交办、督办、催办、延期（含审批延期申请）、暂停计时、合并重复件和办结投诉"
        case .revealCallerIdentity: "填写理由后查看来电人身份（记入审计日志）"
        case .viewDashboard: "查看工作台"
        case .viewReports: "查看月度指标和评估报告"
        case .exportComplaints: "导出投诉清单（CSV）"
        case .viewPublications: "查看已公布的月份"
        case .manageUsers: "添加用户，调整业务角色和单位（督办、承办人须经安全管理员批准），重置其他用户的密码"
        case .manageSettings: "修改系统设置"
        case .manageSecurityPolicy: "查看和调整密码与锁定策略"
        case .lockAccounts: "锁定账号"
        case .unlockAccounts: "解锁账号"
        case .approveRoles: "批准或驳回可查看来电人身份的角色（督办、承办人）"
        case .resetPrivilegedPasswords: "重置督办、承办人和管理员的密码"
        case .readAuditLog: "查阅审计日志"
        case .exportAuditLog: "导出审计日志（CSV）"
        case .changeOwnPassword: "修改本人密码"
        }
    }
}
