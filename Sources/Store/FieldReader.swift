import GongkaiCore

/// Reads one CSV row's cells by contract column, converting and validating each, and collecting
/// every problem as a located error instead of stopping at the first.
struct FieldReader {
    let file: String
    let header: ResolvedHeader
    let townships: Townships
    /// The office's import rules (templates/office.toml `[import]`).
    let settings: ImportSettings
    /// `settings.householdKeyPattern`, compiled once for this file's rows.
    private let householdKeyMatcher: HouseholdKeyPattern.Matcher
    private(set) var row: SourceRow
    var errors: [InputError] = []

    /// The largest amount one row may hold: no assistance payment comes near it, so a larger figure
    /// is a slip (fen typed as yuan, a pasted ID), and with it no district's sum of rows can reach
    /// Int64's limit (it would take 9 billion rows).
    static let largestAmount = Money(fen: 1_000_000_000)

    init(file: String, header: ResolvedHeader, townships: Townships, settings: ImportSettings) {
        self.file = file
        self.header = header
        self.townships = townships
        self.settings = settings
        self.householdKeyMatcher = settings.householdKeyPattern.matcher()
        self.row = SourceRow(line: 0, fields: [])
    }

    /// Moves to the next row; false (with an error) when its field count does not match the header.
    mutating func start(_ next: SourceRow) -> Bool {
        row = next
        guard next.fields.count == header.fieldCount else {
            errors.append(InputError(file: file, line: next.line, field: nil,
                                     reason: "应与表头一样有 \(header.fieldCount) 个字段，实际有 \(next.fields.count) 个"))
            return false
        }
        return true
    }

    var line: Int { row.line }

    mutating func fail(_ column: String, _ reason: String) {
        errors.append(InputError(file: file, line: row.line, field: header.written[column] ?? header.chinese[column] ?? column, reason: reason))
    }

    /// The trimmed cell, or nil when empty or the column is absent; an empty required cell is an error,
    /// and so is a cell holding a character no text of the office should (`CellText.problem`).
    /// Only `multiline` columns (a complaint's summary) may hold line breaks and TABs.
    mutating func text(_ column: String, required: Bool = true, multiline: Bool = false) -> String? {
        let rule = header.columns[column]
        let position = rule?.position
        let value = position.map { row.fields[$0].trimmingASCIIWhitespace() } ?? ""
        if value.isEmpty {
            if required { fail(column, "必须填写") }
            return nil
        }
        let textOnly = rule?.textOnly ?? false
        if let most = rule?.limit, let length = Self.length(of: value, over: most) {
            fail(column, "过长（\(length) 字，最多 \(most) 字）")
            return nil
        }
        if let position, let mark = row.marks[position] {
            switch mark {
            case .error:
                fail(column, "含有电子表格错误值 '\(value)'（公式出错，或查找没有结果），而不是数据：请更正该单元格后重新导入")
                return nil
            case .number where textOnly:
                fail(column, "'\(value)' 以数字保存，Excel 只保留 15 位有效数字并去掉开头的 0：\(Damage.fix)")
                return nil
            case .number:
                break
            }
        }
        if textOnly, let problem = Damage.problem(in: String(value), column: column) {
            fail(column, problem)
            return nil
        }
        if let problem = CellText.problem(in: value, multiline: multiline) {
            fail(column, problem)
            return nil
        }
        return String(value)
    }

    /// The number of characters in `value` when it is more than `most`, else nil. A cell of no more
    /// UTF-8 bytes than `most` cannot hold more characters, so ordinary cells are never counted.
    static func length(of value: Substring, over most: Int) -> Int? {
        guard value.utf8.count > most else { return nil }
        let count = value.count
        return count > most ? count : nil
    }

    /// A person's name as masking and the guard must see it (`TypedText.nameProblem`).
    mutating func personName(_ column: String, required: Bool = true) -> String? {
        guard let value = text(column, required: required) else { return nil }
        if let problem = TypedText.nameProblem(value) {
            fail(column, "\(problem)：请去掉后重新导入")
            return nil
        }
        return value
    }

    /// A household key (户编号) as the store keeps it (`TypedText.identifier`), so that every table
    /// refers to one household however its key was typed: ＹＺ0000005, yz0000005 and YZ0000005 with a
    /// zero-width space are YZ0000005.
    mutating func householdKey(_ column: String, required: Bool = true) -> String? {
        guard let value = text(column, required: required) else { return nil }
        let key = TypedText.identifier(value)
        if key.isEmpty {
            if required { fail(column, "必须填写（该单元格只有不可见字符）") }
            return nil
        }
        return key
    }

    /// A household's own key (households.csv's 户编号): normalised, and of the office's form
    /// (`ImportSettings.householdKeyPattern`). Other tables need no such check: a key that names no
    /// household is refused there as unknown.
    mutating func ownHouseholdKey(_ column: String) -> String? {
        guard let key = householdKey(column) else { return nil }
        guard householdKeyMatcher.matches(key) else {
            fail(column, "'\(key)' 不符合户编号格式 \(settings.householdKeyPattern.source)（templates/office.toml 的 [import] household_key_pattern）：请核对本行户编号")
            return nil
        }
        return key
    }

    /// A township of templates/townships.toml, written as its name or its code; stored by name.
    mutating func township(_ column: String, required: Bool = true) -> String? {
        guard let value = text(column, required: required) else { return nil }
        guard let township = townships.township(value) else {
            fail(column, "'\(value)' 不是\(townships.districtName)的乡镇（templates/townships.toml 列出的是 "
                 + "\(townships.names.joined(separator: "、"))）：请更正名称，或把该乡镇添加到该文件")
            return nil
        }
        return township.name
    }

    /// The cell of a column meant for digits (numbers, amounts, dates, IDs, phones) with full-width
    /// forms made ASCII: "２０２６－１０" is what a clerk typing in a Chinese input method meant by 2026-10.
    private mutating func ascii(_ column: String, required: Bool = true) -> String? {
        text(column, required: required).map(TypedText.halfWidth)
    }

    mutating func code(_ column: String, in list: [String], required: Bool = true) -> String? {
        guard let value = text(column, required: required) else { return nil }
        guard list.contains(value) else {
            fail(column, "'\(value)' 不在可用值之列：\(list.joined(separator: "、"))")
            return nil
        }
        return value
    }

    mutating func integer(_ column: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let value = ascii(column, required: required) else { return nil }
        guard let n = Int(value), range.contains(n) else {
            fail(column, "'\(value)' 不是 \(range.lowerBound) 至 \(range.upperBound) 之间的整数")
            return nil
        }
        return n
    }

    /// A positive amount in yuan, at most `largestAmount`.
    mutating func money(_ column: String) -> Money? {
        guard let value = ascii(column) else { return nil }
        do {
            let m = try Money.parseYuan(value)
            guard m.fen > 0 else { fail(column, "金额须大于 0"); return nil }
            guard m <= Self.largestAmount else {
                fail(column, "'\(value)' 超过 \(Self.largestAmount.yuanGrouped) 元，远高于任何救助金额：请核对数字")
                return nil
            }
            return m
        } catch {
            fail(column, "'\(value)': \(error)")
            return nil
        }
    }

    mutating func date(_ column: String, required: Bool = true) -> CivilDate? {
        guard let value = ascii(column, required: required) else { return nil }
        switch CivilDate.parse(value) {
        case .success(let date): return date
        case .failure(let problem):
            fail(column, "'\(value)' \(problem)")
            return nil
        }
    }

    mutating func month(_ column: String, required: Bool = true) -> YearMonth? {
        guard let value = ascii(column, required: required) else { return nil }
        switch YearMonth.parse(value) {
        case .success(let month): return month
        case .failure(let problem):
            fail(column, "'\(value)' \(problem == .malformed ? "不是\(YearMonth.textFormat)" : "\(problem)")")
            return nil
        }
    }

    /// A time written "YYYY-MM-DD HH:MM" (Beijing time): its normalised text and its civil date.
    struct Minute {
        let text: String
        let date: CivilDate
    }

    mutating func timestamp(_ column: String, required: Bool = true) -> Minute? {
        guard let value = ascii(column, required: required) else { return nil }
        guard let time = ChinaTime.parseMinute(value) else {
            // Say why when it is the date part: a year out of range, a day that does not exist.
            let datePart = value.split(separator: " ").first ?? ""
            if case .failure(let problem) = CivilDate.parse(datePart), problem != .malformed {
                fail(column, "'\(value)' \(problem)")
            } else {
                fail(column, "'\(value)' 不是时间（请写成 YYYY-MM-DD HH:MM）")
            }
            return nil
        }
        return Minute(text: ChinaTime.minuteText(of: time), date: ChinaTime.civilDate(of: time))
    }

    mutating func programme(_ column: String, required: Bool = true) -> Programme? {
        guard let value = text(column, required: required) else { return nil }
        guard let p = Programme(parsing: value) else {
            fail(column, "'\(value)' 不是救助项目（请用代码如 dibao，或中文名称如 最低生活保障 或 低保）")
            return nil
        }
        return p
    }

    /// An ID number, normalised as a key is (`TypedText.identifier`: full-width digits, a lower-case
    /// or full-width x, invisible characters), then checked (GB 11643).
    mutating func idNumber(_ column: String) -> IDNumber? {
        guard let value = text(column).map(TypedText.identifier) else { return nil }
        do { return try IDNumber(validating: value) } catch {
            // Say what is wrong in the clerk's terms: Excel's rounding, or the character that is no digit.
            if let damage = Damage.problem(in: value, column: column) {
                fail(column, damage)
            } else if let bad = value.enumerated().first(where: { !$0.element.isASCII }), value.count <= 18 {
                fail(column, "身份证号须为 17 位数字加 1 位数字或 X，但 '\(value)' 的第 \(bad.offset + 1) 个字符是 '\(bad.element)'")
            } else {
                fail(column, "\(error)")
            }
            return nil
        }
    }

    mutating func phone(_ column: String) -> String? {
        guard let value = ascii(column, required: false) else { return nil }
        guard PhoneNumber.isValid(value) else {
            fail(column, "'\(value)' 不是手机号（11 位）或带区号的固定电话（0954-2031234）")
            return nil
        }
        return value
    }
}

/// Identifiers a spreadsheet has damaged by keeping them as numbers: refused, never repaired.
///
/// Excel and WPS keep 15 significant digits, so an 18-digit ID number stored as a number comes out
/// as `4.10182E+17` or as `410182199001011000` (the last three digits zeroed). Guessing the lost
/// digits would invent a person; the only fix is the source, with the column stored as text.
enum Damage {
    /// How to deliver the column undamaged, in the office's terms.
    static let fix = "该列须以文本保存：在 Excel 或 WPS 中选中该列，先设置单元格格式 → 文本，再粘贴数字；或从系统中按文本导出，然后重新导入"

    /// Why `value` (a cell of a column that must be text) looks damaged, or nil.
    static func problem(in value: String, column: String) -> String? {
        let noun = column.hasSuffix("id_number") ? "身份证号" : column.hasSuffix("phone") ? "电话号码" : "编号"
        // E-notation: digits, E (or e), +, . and - only, with "E+" in them. Read from the bytes: this
        // runs on every text-only cell of every row.
        let bytes = value.utf8
        if bytes.allSatisfy({ (48...57).contains($0) || $0 == 0x45 || $0 == 0x65 || $0 == 0x2B || $0 == 0x2E || $0 == 0x2D }),
           zip(bytes, bytes.dropFirst()).contains(where: { ($0 == 0x45 || $0 == 0x65) && $1 == 0x2B }) {
            return "'\(value)' 是被 Excel 四舍五入的数字，\(noun)已经丢失：请在源系统中把该列设为文本后重新导出"
        }
        // An ID number Excel cut to 15 significant digits: 15 digits, or 18 ending in 000 whose check
        // digit fails (a real ID may end in 000 only when its check digit is 0 and right).
        if column.hasSuffix("id_number"), value.hasSuffix("000"), value.utf8.allSatisfy({ (48...57).contains($0) }),
           value.utf8.count == 15 || (value.utf8.count == 18 && (try? IDNumber(validating: value)) == nil) {
            return "'\(value)' 以 000 结尾，不是有效的身份证号：电子表格把它当作数字保存，第 15 位之后被置为 0，身份证号已经丢失；\(fix)"
        }
        return nil
    }
}

/// What the import accepts inside a cell's text.
enum CellText {
    /// Why a cell's text is refused, naming the character and where it is, or nil when it is fine.
    ///
    /// Refused everywhere: C0 control characters (U+0000–U+001F: a NUL ends the text for C code and
    /// file systems, so `a\0b` would become `a`), DEL and the C1 controls (U+007F–U+009F), the line
    /// and paragraph separators U+2028/U+2029, and a byte-order mark (U+FEFF) inside the text (two
    /// files joined into one). TAB, CR and LF are allowed only in `multiline` cells; at the edges of
    /// any cell they are trimmed with the spaces, as spreadsheets leave them.
    static func problem(in text: Substring, multiline: Bool) -> String? {
        // Fast path: every byte that can start a refused character is below 0x20, DEL, or a lead
        // byte of C1 (C2), of U+2028/9 (E2) or of U+FEFF (EF); Chinese text has none of them.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return nil }
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            let v = scalar.value
            let refused = v < 0x20 ? !(multiline && (v == 0x09 || v == 0x0A || v == 0x0D))
                : (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
            if refused {
                let characters = text.unicodeScalars.prefix(position - 1).reduce(into: String.UnicodeScalarView()) { $0.append($1) }
                return "第 \(String(characters).count + 1) 个字符是\(name(of: v))：请删除它（重新输入该单元格）后重新导入"
            }
        }
        return nil
    }

    /// "the control character U+0000 (NUL)", "a line break (U+000A)", …
    private static func name(of scalar: UInt32) -> String {
        var hex = String(scalar, radix: 16, uppercase: true)
        hex = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar {
        case 0x00: return "控制字符 \(hex)（NUL）"
        case 0x09: return "制表符（\(hex)）"
        case 0x0A, 0x0D: return "换行符（\(hex)）"
        case 0x2028, 0x2029: return "不可见分隔符 \(hex)"
        case 0xFEFF: return "字节顺序标记（\(hex)，两个文件拼接处留下的）"
        default: return "控制字符 \(hex)"
        }
    }
}

// Cells of the departments' lists (DepartmentList): optional amounts, figures that may be zero, school years.
extension FieldReader {
    /// An optional amount: `valid` is false when the cell holds something that is not one (the error
    /// is recorded), so the caller can tell "not given" from "wrong".
    mutating func optionalMoney(_ column: String) -> (value: Money?, valid: Bool) {
        guard let position = header.columns[column]?.position, !row.fields[position].trimmingASCIIWhitespace().isEmpty else {
            return (nil, true)
        }
        let before = errors.count
        let value = money(column)
        return (value, errors.count == before)
    }

    /// A figure of at most two decimals that may be zero (面积 in m², 注册资本 in yuan), in hundredths.
    mutating func hundredths(_ column: String, required: Bool = true) -> Int64? {
        guard let value = text(column, required: required).map(TypedText.halfWidth) else { return nil }
        do { return try Money.parseYuan(value).fen } catch {
            fail(column, "'\(value)' 不是不小于 0、最多两位小数的数（\(error)）")
            return nil
        }
    }

    /// 学年 written `2026-2027`, `2026/2027`, `2026—2027` or `2026`: the year it starts in September.
    mutating func schoolYear(_ column: String) -> Int? {
        guard let value = text(column).map(TypedText.halfWidth) else { return nil }
        let parts = value.split(whereSeparator: { "-/—–～~".contains($0) }).map(String.init)
        guard (1...2).contains(parts.count), let first = Int(parts[0]), CivilDate.supportedYears.contains(first),
              parts.count == 1 || Int(parts[1]) == first + 1 else {
            fail(column, "'\(value)' 不是学年（请写成 2026-2027 或 2026）")
            return nil
        }
        return first
    }
}

extension FieldReader {
    /// The earliest birth year a member's row may give: the district's oldest residents were born
    /// before 1949, the earliest year of every other date of the contract.
    static let earliestBirthYear = 1880

    /// A birth date (`YYYY-MM-DD` or `YYYY/M/D`), from 1880 on: a 特困 person may well be born in 1940.
    mutating func birthDate(_ column: String) -> CivilDate? {
        guard let value = text(column).map(TypedText.halfWidth) else { return nil }
        let parts = value.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ (1...4).contains($0.count) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            fail(column, "'\(value)' 不是\(CivilDate.textFormat)")
            return nil
        }
        guard (Self.earliestBirthYear...CivilDate.supportedYears.upperBound).contains(y), let date = CivilDate(year: y, month: m, day: d) else {
            fail(column, "'\(value)' 不是 \(Self.earliestBirthYear) 年以来真实存在的日期")
            return nil
        }
        return date
    }
}
