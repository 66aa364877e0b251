import GongkaiCore

/// Reads one CSV row's cells by contract column, converting and validating each, and collecting
/// every problem as a located error instead of stopping at the first.
struct FieldReader {
    let file: String
    let header: ResolvedHeader
    private(set) var row: CSVTable.Row
    var errors: [InputError] = []

    init(file: String, header: ResolvedHeader) {
        self.file = file
        self.header = header
        self.row = CSVTable.Row(line: 0, fields: [])
    }

    /// Moves to the next row; false (with an error) when its field count does not match the header.
    mutating func start(_ next: CSVTable.Row) -> Bool {
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

    /// The trimmed cell, or nil when empty or the column is absent; an empty required cell is an error.
    mutating func text(_ column: String, required: Bool = true) -> String? {
        let value = header.position[column].map { row.fields[$0].trimmingASCIIWhitespace() } ?? ""
        if value.isEmpty {
            if required { fail(column, "a value is required") }
            return nil
        }
        return String(value)
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
        guard let value = text(column, required: required) else { return nil }
        guard let n = Int(value), range.contains(n) else {
            fail(column, "'\(value)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }

    /// A positive amount in yuan.
    mutating func money(_ column: String) -> Money? {
        guard let value = text(column) else { return nil }
        do {
            let m = try Money.parseYuan(value)
            guard m.fen > 0 else { fail(column, "amount must be positive"); return nil }
            return m
        } catch {
            fail(column, "'\(value)': \(error)")
            return nil
        }
    }

    mutating func date(_ column: String, required: Bool = true) -> CivilDate? {
        guard let value = text(column, required: required) else { return nil }
        guard let d = CivilDate(parsing: value) else {
            fail(column, "'\(value)' is not a real date (write YYYY-MM-DD or YYYY/M/D)")
            return nil
        }
        return d
    }

    mutating func month(_ column: String, required: Bool = true) -> YearMonth? {
        guard let value = text(column, required: required) else { return nil }
        guard let m = YearMonth(parsing: value) else {
            fail(column, "'\(value)' is not a month (write YYYY-MM)")
            return nil
        }
        return m
    }

    mutating func timestamp(_ column: String, required: Bool = true) -> String? {
        guard let value = text(column, required: required) else { return nil }
        guard let date = ChinaTime.parseMinute(value) else {
            fail(column, "'\(value)' is not a time (write YYYY-MM-DD HH:MM)")
            return nil
        }
        return ChinaTime.minuteText(of: date)
    }

    mutating func programme(_ column: String, required: Bool = true) -> Programme? {
        guard let value = text(column, required: required) else { return nil }
        guard let p = Programme(parsing: value) else {
            fail(column, "'\(value)' is not a programme (use a code such as dibao, or its Chinese name such as 最低生活保障 or 低保)")
            return nil
        }
        return p
    }

    mutating func idNumber(_ column: String) -> IDNumber? {
        guard let value = text(column) else { return nil }
        do { return try IDNumber(validating: value) } catch {
            fail(column, "\(error)")
            return nil
        }
    }

    mutating func phone(_ column: String) -> String? {
        guard let value = text(column, required: false) else { return nil }
        guard PhoneNumber.isValid(value) else {
            fail(column, "'\(value)' is not a mobile number (11 digits) or a landline with area code (0954-2031234)")
            return nil
        }
        return value
    }
}
