import Foundation

/// The district's townships (乡镇/街道) with their codes, from templates/townships.toml, in the order
/// notices and reports list them.
///
/// It is the door for place names: import accepts only these names (or codes), so statistics never
/// split a township into spelling variants, and every folder a release creates per township is named
/// by its code — never by free text, so no name can make a path (`../..`, `/`, NUL).
public struct Townships: Sendable, Equatable {
    public struct Township: Sendable, Equatable {
        public let code: String
        public let name: String
        public init(code: String, name: String) { self.code = code; self.name = name }
    }

    public let districtCode: String
    public let districtName: String
    /// In the file's order.
    public let all: [Township]

    public init(districtCode: String, districtName: String, all: [Township]) {
        self.districtCode = districtCode; self.districtName = districtName; self.all = all
    }

    public var names: [String] { all.map(\.name) }

    /// No townships: where a file is read without templates/townships.toml (a test of its own keys).
    public static let none = Townships(districtCode: "", districtName: "", all: [])

    /// "三营", "南关" for 三营镇, 南关街道: the name without its 街道/镇/乡, when two or more characters
    /// are left (a chart's narrow category slots print it).
    public static func shortName(of name: String) -> String {
        guard let suffix = ["街道", "镇", "乡"].first(where: { name.hasSuffix($0) && name.count - $0.count >= 2 }) else {
            return name
        }
        return String(name.dropLast(suffix.count))
    }

    /// The township written as its name or its code; nil when it is neither.
    public func township(_ nameOrCode: String) -> Township? {
        all.first { $0.name == nameOrCode || $0.code == nameOrCode }
    }

    public func code(of name: String) -> String? { all.first { $0.name == name }?.code }

    public static func load(templates: String) throws(InputError) -> Townships {
        let file = try TemplateFile.read("townships.toml", in: templates)
        return try parse(file.text, file: file.path)
    }

    /// Codes are digits only (6–12), names are non-empty text without control characters or path
    /// separators; both are unique.
    public static func parse(_ text: String, file: String) throws(InputError) -> Townships {
        do throws(TOMLError) {
            let root = try TOML.parse(text)
            let district = try root.table("district")
            let districtCode = try district.string("code")
            guard isCode(districtCode) else {
                throw TOMLError(line: district.line(of: "code"), message: "the district code must be 6 to 12 digits, found \"\(districtCode)\"")
            }
            var all: [Township] = []
            for entry in try root.tables("township") {
                let code = try entry.string("code"), name = try entry.string("name")
                guard isCode(code) else {
                    throw TOMLError(line: entry.line(of: "code"), message: "a township code must be 6 to 12 digits, found \"\(code)\"")
                }
                guard isCleanName(name) else {
                    throw TOMLError(line: entry.line(of: "name"), message: "a township name must be text without spaces, control characters, '/' or '\\\\'")
                }
                guard !all.contains(where: { $0.code == code || $0.name == name }) else {
                    throw TOMLError(line: entry.line(of: "code"), message: "township \(code) \(name) is listed twice")
                }
                all.append(Township(code: code, name: name))
            }
            guard !all.isEmpty else { throw TOMLError(line: 1, message: "no [[township]] entries: list the district's townships") }
            return Townships(districtCode: districtCode, districtName: try district.string("name"), all: all)
        } catch {
            throw error.located(in: file)
        }
    }

    static func isCode(_ text: String) -> Bool { (6...12).contains(text.utf8.count) && text.utf8.allSatisfy(\.isASCIIDigit) }

    static func isCleanName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { s in
            !s.properties.isWhitespace && s.properties.generalCategory != .control && s.properties.generalCategory != .format
                && s != "/" && s != "\\" && s != ":"
        } && name != "." && name != ".."
    }
}
