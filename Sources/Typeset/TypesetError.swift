/// Why a document could not be set. Each prints as one sentence a staff member can act on.
public enum TypesetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A character none of the role's installed fonts has. Written so that the record can be found:
    /// "notice row 132, 户主姓名: U+2A6D6 has no glyph in any installed font".
    case missingGlyph(character: Character, location: String)
    /// No family of a role's chain is installed.
    case noInstalledFont(role: String, chain: [String])
    /// Text that cannot be given room in its box — wrapped and shrunk as far as the limits of
    /// docs/document-format.md allow — refused rather than cut or drawn over its neighbour:
    /// "notice row 12, 户主姓名: “…” needs 96.0 pt on one line, …; widen the column".
    case doesNotFit(location: String, reason: String)
    /// Page settings outside their limits, by page.toml key.
    case invalidSettings(PageSettings.Problem)

    public var description: String {
        switch self {
        case .missingGlyph(let character, let location):
            let code = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
                .joined(separator: " ")
            return "\(location)：\(code) 在已安装的字体中都没有字形（字符“\(character)”）"
        case .noInstalledFont(let role, let chain):
            return "\(role) 字体一个都没有安装（试过 \(chain.joined(separator: "、"))）；请安装其中之一，或修改 templates/page.toml"
        case .doesNotFit(let location, let reason):
            return "\(location)：\(reason)"
        case .invalidSettings(let problem):
            return "页面设置：\(problem)"
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
