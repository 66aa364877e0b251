import Foundation

extension SheetCell {
    /// A cell from its `<v>` (or inline) text, its type (`t`) and its style (`s`); nil when the text
    /// is no value of that type (a shared-string index past the table, a number that is not one).
    init?(value: String, type: String, style: Int, shared: [String], formats: NumberFormats, date1904: Bool) {
        switch type {
        case "s":
            guard let i = Int(value) ?? Int(value.trimmingCharacters(in: .whitespacesAndNewlines)), i >= 0, i < shared.count else { return nil }
            self.init(shared[i])
        case "inlineStr", "str":
            self.init(XMLParts.unescape(value))
        case "b":
            self.init(value == "1" || value.lowercased() == "true" ? "TRUE" : "FALSE", .boolean)
        case "e":
            self.init(value, .error)
        case "d":
            // ISO 8601: 2026-10-05T09:30:00 → the date, with the minute when it is not midnight.
            let parts = value.split(separator: "T")
            guard let day = parts.first else { self = .empty; return }
            if parts.count > 1, let time = parts.last, !time.hasPrefix("00:00:00") {
                self.init("\(day) \(time.prefix(5))", .date)
            } else {
                self.init(String(day), .date)
            }
        default:
            if XMLParts.isBlank(value) { self = .empty; return }
            guard let number = Double(value) ?? Double(value.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            if let precision = formats.precision(ofStyle: style),
               let date = ExcelDate.text(serial: number, date1904: date1904, precision: precision) {
                self.init(date, .date)
            } else {
                self.init(Self.decimal(number), .number)
            }
        }
    }

    /// A number as the text a person would type: whole numbers without a decimal point (exact up to
    /// 10^18, so a damaged ID shows as `410182199001011000`), others as the shortest decimal that
    /// reads back to the same double (`1234.56`, not `1234.5599999999999`).
    static func decimal(_ number: Double) -> String {
        guard number == number.rounded(), abs(number) < 1e18 else { return "\(number)" }
        var whole = Int64(number)
        // A whole number longer than 15 digits is shown as Excel shows it, to 15 significant digits
        // (410182199001011234 stored as a number: 410182199001011000), not as the double's binary tail.
        if abs(whole) >= 1_000_000_000_000_000 {
            var scale: Int64 = 1
            while abs(whole) / scale >= 1_000_000_000_000_000 { scale *= 10 }
            whole = (whole + (whole < 0 ? -scale / 2 : scale / 2)) / scale * scale
        }
        return String(whole)
    }
}
