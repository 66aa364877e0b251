import HTTPTypes

/// Header names HTTPTypes does not predefine. Built from literals that are valid tokens; the
/// `String` fallback keeps construction trap-free (`HTTPField.Name(_:)` is failable).
enum WebHeader {
    static let referrerPolicy = name("Referrer-Policy")
    static let frameOptions = name("X-Frame-Options")
    static let forwardedFor = name("X-Forwarded-For")
    static let csrfToken = name("X-CSRF-Token")

    private static func name(_ text: String) -> HTTPField.Name {
        HTTPField.Name(text) ?? .via
    }
}
