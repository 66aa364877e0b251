import Accounts

/// Who may use a route. Every route declares one (`WebRoute`); there is no other way to register a
/// handler, so no page can be added without saying who may see it.
public enum RouteAccess: Sendable, Equatable, CustomStringConvertible {
    /// Anyone, signed in or not: the login form, /healthz, the stylesheet.
    case anyone
    /// Any signed-in user, whatever their roles: the home page, logout, changing one's own password.
    case signedIn
    /// A signed-in user one of whose roles holds this permission (`Role.permissions`, in Accounts).
    case permission(Permission)
    /// A signed-in user holding at least one of these permissions: a complaint's page is for those who
    /// see every complaint and for the 承办人 who sees their own unit's (the handler narrows the scope).
    case anyPermission([Permission])
    /// A signed-in user holding every one of these permissions (through one role or several): a search
    /// by a caller's phone is for who may reveal callers *and* sees every complaint — the 督办.
    case allPermissions([Permission])

    /// Whether `account` (nil: anonymous) may use the route.
    public func allows(_ account: Account?) -> Bool {
        guard let account else { return self == .anyone }
        return allows(roles: account.roles)
    }

    /// Whether a signed-in user holding `roles` may use the route.
    public func allows(roles: Set<Role>) -> Bool {
        switch self {
        case .anyone, .signedIn: true
        case .permission(let permission): roles.contains { $0.permissions.contains(permission) }
        case .anyPermission(let permissions): roles.contains { !$0.permissions.isDisjoint(with: permissions) }
        case .allPermissions(let permissions):
            Set(permissions).isSubset(of: roles.reduce(into: Set<Permission>()) { $0.formUnion($1.permissions) })
        }
    }

    /// As docs/roles.md writes it.
    public var description: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed in"
        case .permission(let permission): permission.rawValue
        case .anyPermission(let permissions): permissions.map(\.rawValue).joined(separator: " or ")
        case .allPermissions(let permissions): permissions.map(\.rawValue).joined(separator: " and ")
        }
    }
}
