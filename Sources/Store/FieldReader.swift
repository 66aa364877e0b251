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
                                     reason: "expected \(header.fieldCount) fields as in the header, found \(next.fields.count)"))
            return false
        }
        return true
    }

    var line: Int { row.line }

    mutating func fail(_ column: String, _ reason: String) {
        errors.append(InputError(file: file, line: row.line, field: header.written[column] ?? column, reason: reason))
    }

    /// The trimmed cell, or nil when empty or the column is absent; an empty required cell is an error,
    /// and so is a cell holding a character no text of the office should (`CellText.problem`).
    /// Only `multiline` columns (a complaint's summary) may hold line breaks and TABs.
    mutating func text(_ column: String, required: Bool = true, multiline: Bool = false) -> String? {
        let position = header.position[column]
        let value = position.map { row.fields[$0].trimmingASCIIWhitespace() } ?? ""
        if value.isEmpty {
            if required { fail(column, "a value is required") }
            return nil
        }
        if let most = header.limit[column], let length = Self.length(of: value, over: most) {
            fail(column, "过长（\(length) 字，最多 \(most) 字）")
            return nil
        }
        if let position, let mark = row.marks[position] {
            switch mark {
            case .error:
                fail(column, "holds the spreadsheet error '\(value)' (a formula that failed, or a lookup that found nothing), not a value: correct the cell and import again")
                return nil
            case .number where header.textOnly.contains(column):
                fail(column, "'\(value)' is stored as a number, so Excel keeps only 15 significant digits and drops leading zeros: \(Damage.fix)")
                return nil
            case .number:
                break
            }
        }
        if header.textOnly.contains(column), let problem = Damage.problem(in: String(value), column: column) {
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
            fail(column, "\(problem): write the name without it and import again")
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
            if required { fail(column, "a value is required (the cell holds only invisible characters)") }
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
            fail(column, "'\(value)' is not a township of \(townships.districtName) (templates/townships.toml lists "
                 + "\(townships.names.joined(separator: ", "))): correct the name, or add the township to that file")
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
            fail(column, "'\(value)' is not one of \(list.joined(separator: ", "))")
            return nil
        }
        return value
    }

    mutating func integer(_ column: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let value = ascii(column, required: required) else { return nil }
        guard let n = Int(value), range.contains(n) else {
            fail(column, "'\(value)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }

    /// A positive amount in yuan, at most `largestAmount`.
    mutating func money(_ column: String) -> Money? {
        guard let value = ascii(column) else { return nil }
        do {
            let m = try Money.parseYuan(value)
            guard m.fen > 0 else { fail(column, "amount must be positive"); return nil }
            guard m <= Self.largestAmount else {
                fail(column, "'\(value)' is more than \(Self.largestAmount.yuanGrouped) yuan, far above any assistance amount: check the figure")
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
            fail(column, "'\(value)' \(problem == .malformed ? "is not \(YearMonth.textFormat)" : "\(problem)")")
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
                fail(column, "'\(value)' is not a time (write YYYY-MM-DD HH:MM)")
            }
            return nil
        }
        return Minute(text: ChinaTime.minuteText(of: time), date: ChinaTime.civilDate(of: time))
    }

    mutating func programme(_ column: String, required: Bool = true) -> Programme? {
        guard let value = text(column, required: required) else { return nil }
        guard let p = Programme(parsing: value) else {
            fail(column, "'\(value)' is not a programme (use a code such as dibao, or its Chinese name such as 最低生活保障 or 低保)")
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
                fail(column, "ID number must be 17 digits followed by a digit or X, but character \(bad.offset + 1) of '\(value)' is '\(bad.element)'")
            } else {
                fail(column, "\(error)")
            }
            return nil
        }
    }

    mutating func phone(_ column: String) -> String? {
        guard let value = ascii(column, required: false) else { return nil }
        guard PhoneNumber.isValid(value) else {
            fail(column, "'\(value)' is not a mobile number (11 digits) or a landline with area code (0954-2031234)")
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
    static let fix = "the column must be stored as text: in Excel or WPS select the column, 设置单元格格式 → 文本 (set it to Text) before pasting the numbers, or export it from the system as text, and import again"

    /// Why `value` (a cell of a column that must be text) looks damaged, or nil.
    static func problem(in value: String, column: String) -> String? {
        let noun = column.hasSuffix("id_number") ? "ID number" : column.hasSuffix("phone") ? "phone number" : "number"
        let upper = value.uppercased()
        if upper.contains("E+"), upper.utf8.allSatisfy({ (48...57).contains($0) || "E+.-".utf8.contains($0) }) {
            return "'\(value)' is a number Excel has rounded, and the \(noun) is lost: format the column as text in the source system and export again"
        }
        // An ID number Excel cut to 15 significant digits: 15 digits, or 18 ending in 000 whose check
        // digit fails (a real ID may end in 000 only when its check digit is 0 and right).
        if column.hasSuffix("id_number"), value.hasSuffix("000"), value.utf8.allSatisfy({ (48...57).contains($0) }),
           value.utf8.count == 15 || (value.utf8.count == 18 && (try? IDNumber(validating: value)) == nil) {
            return "'\(value)' ends in 000 and is not a valid ID number: a spreadsheet kept it as a number and zeroed the digits after the 15th, so the ID number is lost; \(fix)"
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
                return "holds \(name(of: v)) at character \(String(characters).count + 1): delete it (retype the cell) and import again"
            }
        }
        return nil
    }

    /// "the control character U+0000 (NUL)", "a line break (U+000A)", …
    private static func name(of scalar: UInt32) -> String {
        var hex = String(scalar, radix: 16, uppercase: true)
        hex = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar {
        case 0x00: return "the control character \(hex) (NUL)"
        case 0x09: return "a TAB (\(hex))"
        case 0x0A, 0x0D: return "a line break (\(hex))"
        case 0x2028, 0x2029: return "the invisible separator \(hex)"
        case 0xFEFF: return "a byte-order mark (\(hex), left where two files were joined)"
        default: return "the control character \(hex)"
        }
    }
}
