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

    public var description: String {
        switch self {
        case .invalidLogin(let login, let reason): "the login name '\(login)' is not allowed: \(reason)"
        case .invalidDisplayName(let reason): "the display name is not allowed: \(reason)"
        case .duplicateLogin(let login): "a user '\(login)' already exists"
        case .unknownUser(let login): "there is no user '\(login)'"
        case .noRoles: "give at least one role with --role (\(Role.allNames))"
        case .administratorRoleNotAlone(let roles):
            "administrator roles are held alone (三权分立): \(roles.map(\.rawValue).joined(separator: " + ")) cannot be combined; give an administrator role (系统管理员, 安全管理员, 审计管理员) as the user's only role"
        case .unknownRole(let name): "'\(name)' is not a role; the roles are \(Role.allNames)"
        case .unitRequired: "a 承办人 handles the complaints of one unit: give --unit TOWNSHIP"
        case .unknownUnit(let unit, let known):
            "'\(unit)' is not a township in templates/townships.toml (\(known.joined(separator: ", ")))"
        case .weakPassword(let problem): "password refused: \(problem.description)"
        case .wrongCurrentPassword: "the current password is wrong"
        case .locked(let login): "the account '\(login)' is locked"
        case .damagedRecord(let login, let field, let value):
            "the database holds a damaged account record for '\(login)': \(field) is '\(value)'; check the database (it was changed outside gongkai)"
        }
    }
}
