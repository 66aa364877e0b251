extension SecurityPolicy {
    /// bcrypt hashes only the first 72 bytes of a password.
    public static let maximumPasswordBytes = 72

    /// The first rule `password` breaks, or nil. History is checked by `AccountStore`, which has the
    /// hashes. Classes: ASCII upper-case, ASCII lower-case, ASCII digit, anything else (punctuation,
    /// Chinese characters, …).
    public func problem(with password: String, login: String) -> PasswordProblem? {
        if password.isEmpty { return .empty }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return .controlCharacter
        }
        if password.utf8.count > Self.maximumPasswordBytes { return .tooLong(maximumBytes: Self.maximumPasswordBytes) }
        if password.count < passwordMinLength { return .tooShort(minimum: passwordMinLength) }
        let classes = Self.characterClasses(in: password)
        if classes < passwordRequiredClasses { return .tooFewClasses(required: passwordRequiredClasses, found: classes) }
        if password.lowercased() == login.lowercased() { return .sameAsLogin }
        return nil
    }

    /// How many of upper-case, lower-case, digit and other the password mixes.
    static func characterClasses(in password: String) -> Int {
        var upper = false, lower = false, digit = false, other = false
        for s in password.unicodeScalars {
            switch s.value {
            case 0x41...0x5A: upper = true
            case 0x61...0x7A: lower = true
            case 0x30...0x39: digit = true
            default: other = true
            }
        }
        return [upper, lower, digit, other].filter { $0 }.count
    }
}
