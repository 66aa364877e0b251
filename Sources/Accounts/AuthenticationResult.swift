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
    /// Not checked: the client address has failed too often in the last minute, whatever the
    /// accounts (`SecurityPolicy.addressFailuresPerMinute`); try again after this many seconds.
    case throttled(retryAfterSeconds: Int)

    /// The page's message for a refusal, in Chinese: the same words whatever the cause.
    public static let refusalMessage = "用户名或密码错误，或账号已被锁定"
    /// The page's message when the address is slowed down.
    public static let throttledMessage = "本机登录失败次数过多，请稍候一分钟再试。"
}
