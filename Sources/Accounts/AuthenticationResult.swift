/// What a login attempt gives.
public enum AuthenticationResult: Sendable, Equatable {
    /// Signed in.
    case success(Account)
    /// Signed in, but the password must be changed before anything else (send to /password).
    case mustChangePassword(Account, PasswordChangeReason)
    /// Not signed in. Deliberately one case for every cause — unknown login, wrong password, locked
    /// account — so that the answer (and, by the dummy hash, the time it takes) does not tell an
    /// attacker which logins exist. The audit log records the actual cause.
    case refused

    /// The page's message for a refusal, in Chinese: the same words whatever the cause.
    public static let refusalMessage = "用户名或密码错误，或账号已被锁定"
}
