import Foundation

/// Which cell styles show numbers as dates, read from xl/styles.xml.
///
/// A cell holds a style index (`s`); the style's `numFmtId` is built in (14–22, 27–36, 45–47 and
/// 50–58 are dates and times, the CJK ones included) or a custom `numFmt` whose code is read:
/// `yyyy"年"m"月"d"日"` is a date, `0.00%` is not.
struct NumberFormats: Sendable {
    /// The date precision of each cell style (cellXfs index); nil for styles that are not dates.
    private(set) var precision: [ExcelDate.Precision?] = []

    func precision(ofStyle index: Int) -> ExcelDate.Precision? {
        index >= 0 && index < precision.count ? precision[index] : nil
    }

    init() {}

    /// Reads xl/styles.xml: the custom formats (`numFmt`) and each cell style's format (`cellXfs/xf`).
    init(styles data: Data) {
        var customFormats: [Int: String] = [:]
        var styleFormats: [Int] = []
        var inCellXfs = false
        _ = XMLParts.read(data, start: { name, attributes in
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: styleFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }, end: { name in
            if name == "cellXfs" { inCellXfs = false }
        })
        self.init(customFormats: customFormats, styleFormats: styleFormats)
    }

    init(customFormats: [Int: String], styleFormats: [Int]) {
        precision = styleFormats.map { id in
            if let code = customFormats[id] { return Self.precision(ofCode: code) }
            return Self.builtIn(id)
        }
    }

    /// The built-in formats that show a date or a time (ECMA-376 §18.8.30, with the zh-CN ones).
    static func builtIn(_ id: Int) -> ExcelDate.Precision? {
        switch id {
        case 14, 15, 16, 28, 29, 30, 31, 51, 54, 58: .day
        case 17, 27, 36, 50, 57: .month
        case 22: .minute
        case 18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 52, 53, 55, 56: .time
        default: nil
        }
    }

    /// Reads a format code's date parts, ignoring quoted text (`"年"`), escaped characters (`\-`),
    /// and bracketed colours and locales (`[Red]`, `[$-804]`); only the first section counts.
    static func precision(ofCode code: String) -> ExcelDate.Precision? {
        var letters: Set<Character> = []
        var inQuote = false, inBracket = false, escaped = false
        for c in code {
            if escaped { escaped = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket { if c == "]" { inBracket = false }; continue }
            switch c {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true
            case ";": break
            default: letters.insert(Character(c.lowercased()))
            }
            if c == ";" { break }
        }
        let hasYear = letters.contains("y"), hasDay = letters.contains("d")
        let hasTime = letters.contains("h") || letters.contains("s")
        if hasYear || hasDay {
            if hasTime { return .minute }
            return hasDay ? .day : .month
        }
        return hasTime ? .time : nil
    }
}
