/// Why an account operation was refused, as one sentence (English, like the CLI's other errors).
/// Never carries a password. Authentication failures are not errors: `authenticate` answers
/// `.refused`, the same for every cause.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidLogin(String, reason: String)
    case invalidDisplayName(reason: String)
    case duplicateLogin(String)
    case unknownUser(String)
    case noRoles
    case administratorRoleNotAlone([Role])
    case unknownRole(String)
    case unitRequired
    case unknownUnit(String, known: [String])
    case weakPassword(PasswordProblem)
    case wrongCurrentPassword
    /// The account is locked (by hand or after failed logins): a password change is refused.
    case locked(String)
    /// A value in the database that gongkai did not write (edited by hand, or damaged).
    case damagedRecord(login: String, field: String, value: String)
    /// Administrator roles are given and taken only with `gongkai user` on the server.
    case administratorRoleOnlyOnServer
    /// Nobody changes their own roles (nor resets their own password: they change it).
    case ownAccount
    /// The account holds an administrator role: only `gongkai user` on the server changes it.
    case administratorAccount(String)
    /// The account may see callers or administers: its password is reset by the 安全管理员.
    case resetNeedsSecurityAdministrator(String)
    /// The proposal does not exist or was decided already.
    case proposalNotPending
    /// A rejection needs its reason.
    case reasonRequired
    /// Whoever proposed roles cannot approve them.
    case ownProposal

    /// The sentence for the command line: the web's, with what the command line can add (the
    /// value refused, the flag to give, the names to choose from).
    public var description: String {
        switch self {
        case .invalidLogin(let login, let reason): "登录名 '\(login)' 不符合要求：\(reason)"
        case .invalidDisplayName(let reason): "显示名称不符合要求：\(reason)"
        case .unknownUser(let login): "没有用户 '\(login)'：现有账号见 gongkai user list"
        case .noRoles: "请用 --role 至少指定一个角色（\(Role.allNames)）"
        case .administratorRoleNotAlone(let roles):
            "管理员角色须单独担任（三权分立）：\(roles.map(\.rawValue).joined(separator: " + ")) 不能兼任；管理员角色（系统管理员、安全管理员、审计管理员）只能是该用户唯一的角色"
        case .unknownRole(let name): "'\(name)' 不是角色；可用的角色：\(Role.allNames)"
        case .unitRequired: "承办人办理一个单位（乡镇）的投诉：请用 --unit 乡镇 指定"
        case .unknownUnit(let unit, let known):
            "'\(unit)' 不是 templates/townships.toml 中的乡镇（\(known.joined(separator: "、"))）"
        case .weakPassword(let problem): "密码不符合要求：\(problem.description)"
        case .locked(let login): "账号 '\(login)' 已被锁定"
        case .damagedRecord(let login, let field, let value):
            "数据库中 '\(login)' 的账号记录已损坏：\(field) 为 '\(value)'；请检查数据库（它在 gongkai 之外被改动过）"
        case .ownAccount: "不能修改自己的角色，也不能重置自己的密码"
        default: message
        }
    }

    /// The sentence in Chinese, for the web pages (added after the first API commit).
    public var message: String {
        switch self {
        case .invalidLogin(_, let reason): "登录名不符合要求：只能使用小写字母、数字、“.”、“_”、“-”，以字母或数字开头，1 至 64 个字符（\(reason)）"
        case .invalidDisplayName: "显示名称须为 1 至 64 个字符，且不含控制字符"
        case .duplicateLogin(let login): "用户 \(login) 已存在"
        case .unknownUser(let login): "用户 \(login) 不存在"
        case .noRoles: "请至少指定一个角色"
        case .administratorRoleNotAlone: "管理员角色（系统管理员、安全管理员、审计管理员）须单独担任，不能与其他角色兼任"
        case .unknownRole(let name): "“\(name)”不是角色名称"
        case .unitRequired: "承办人须指定所属单位（乡镇）"
        case .unknownUnit(let unit, _): "“\(unit)”不在乡镇代码表（templates/townships.toml）中"
        case .weakPassword(let problem): problem.message
        case .wrongCurrentPassword: "当前密码不正确"
        case .locked: "账号已被锁定，请联系安全管理员"
        case .damagedRecord: "账号记录已损坏，请联系系统管理员"
        case .administratorRoleOnlyOnServer: "管理员角色（系统管理员、安全管理员、审计管理员）只能在服务器上用 gongkai user 命令授予或调整"
        case .ownAccount: "不能修改自己的角色，也不能重置自己的密码（请用“修改密码”）"
        case .administratorAccount(let login): "\(login) 担任管理员角色，只能在服务器上用 gongkai user 命令调整"
        case .resetNeedsSecurityAdministrator(let login): "\(login) 可查看来电人身份或担任管理员角色，其密码须由安全管理员重置"
        case .proposalNotPending: "该授权申请不存在或已处理"
        case .reasonRequired: "驳回时须填写理由"
        case .ownProposal: "不能批准自己提出的授权申请"
        }
    }
}
