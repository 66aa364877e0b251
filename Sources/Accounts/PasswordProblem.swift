/// Why a new password is refused. `description` is English (CLI errors, like the other commands);
/// `message` is the Chinese sentence for the web pages. Neither ever contains the password.
public enum PasswordProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooShort(minimum: Int)
    case tooFewClasses(required: Int, found: Int)
    /// bcrypt reads only the first 72 bytes: a longer password would be silently cut.
    case tooLong(maximumBytes: Int)
    /// Control characters (a NUL would cut the password short in bcrypt's C code).
    case controlCharacter
    case sameAsLogin
    /// One of the last N passwords.
    case reused(history: Int)

    /// The rule broken, for the command line: the web's sentence, with how many classes the
    /// refused password has.
    public var description: String {
        switch self {
        case .tooFewClasses(_, let found): "\(message)（该密码只有 \(found) 类）"
        default: message
        }
    }

    /// The rule broken, in Chinese, for the web pages.
    public var message: String {
        switch self {
        case .empty: "密码不能为空"
        case .tooShort(let n): "密码至少需要 \(n) 个字符"
        case .tooFewClasses(let required, _): "密码须包含大写字母、小写字母、数字、其他符号中的至少 \(required) 类"
        case .tooLong(let n): "密码不能超过 \(n) 个字节（UTF-8）"
        case .controlCharacter: "密码不能包含控制字符"
        case .sameAsLogin: "密码不能与登录名相同"
        case .reused(let n): "新密码不能与最近 \(n) 次使用过的密码相同"
        }
    }
}
