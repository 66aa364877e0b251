import GongkaiCore

/// The form a household key (户编号) must take once normalised (`TypedText.identifier`), as a regular
/// expression the whole key must match. A key outside it is a slip (a name or an ID number pasted
/// into the column, a key cut short), refused at households.csv's line instead of becoming a new
/// household.
public struct HouseholdKeyPattern: Sendable {
    /// The expression as written in templates/office.toml (errors quote it). Kept as text because a
    /// compiled `Regex` is not `Sendable`; `matcher()` compiles it where it is used.
    public let source: String

    /// Printable ASCII without spaces, 1 to 32 characters: the contract sets no narrower form, and this
    /// takes every key the demo (YZ0000001), the odd districts (OD0012) and office systems (H001,
    /// 640402-101-0001) write, while refusing a name, a phrase or a pasted paragraph in the column.
    public static let standard = try! HouseholdKeyPattern("^[!-~]{1,32}$")

    /// Throws the compiler's complaint when `source` is not a regular expression.
    public init(_ source: String) throws {
        _ = try Regex(source)
        self.source = source
    }

    /// The compiled expression, for one reader's rows.
    public func matcher() -> Matcher { Matcher(expression: try! Regex(source)) }

    public struct Matcher {
        let expression: Regex<AnyRegexOutput>

        public func matches(_ key: String) -> Bool { (try? expression.wholeMatch(in: key)) != nil }
    }

    public func matches(_ key: String) -> Bool { matcher().matches(key) }
}
