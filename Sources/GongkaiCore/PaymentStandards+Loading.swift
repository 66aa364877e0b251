import Foundation

extension PaymentStandards {
    /// The largest amount or multiple accepted: far above any real standard, small enough that
    /// `multiple × standard × persons` cannot overflow Int64 fen.
    static let maximumFen: Int64 = 100_000_000  // 1,000,000 yuan
    static let maximumMultiple: Int64 = 120

    public static func load(templates: String) throws(InputError) -> PaymentStandards {
        let file = try TemplateFile.read("standards.toml", in: templates)
        return try parse(file.text, file: file.path)
    }

    /// Reads the optional `note` and `[[dibao]]`, `[[tekun_basic]]`, `[[tekun_care]]` and `[[temporary]]` entries. Every
    /// field is checked with its line, because office staff edit this file; two entries with the
    /// same programme, area, category and effective date are refused (a change is a new date).
    public static func parse(_ text: String, file: String) throws(InputError) -> PaymentStandards {
        do throws(TOMLError) {
            let root = try TOML.parse(text)
            var entries: [Entry] = []
            for kind in [Kind.dibao, .tekunBasic, .tekunCare, .temporary] {
                for table in try root.tables(kind.rawValue) { entries.append(try entry(kind, table)) }
            }
            var seen = Set<String>()
            for e in entries where !seen.insert("\(e.key)|\(e.effective)").inserted {
                throw TOMLError(line: e.line, message: "a second entry for the same programme, area and category effective \(e.effective): a change is a new entry with a later date")
            }
            return PaymentStandards(entries: entries.sorted { ($0.effective, $0.line) < ($1.effective, $1.line) },
                                    note: try root.optionalString("note"))
        } catch {
            throw error.located(in: file)
        }
    }

    private static func entry(_ kind: Kind, _ t: TOMLTable) throws(TOMLError) -> Entry {
        let hasArea = kind == .dibao || kind == .tekunBasic
        var area: String?
        if hasArea {
            let a = try t.string("area")
            guard Codelist.area.contains(a) else {
                throw TOMLError(line: t.line(of: "area"), message: "area must be \(Codelist.area.joined(separator: " or ")), found \"\(a)\"")
            }
            area = a
        }
        let category = kind == .tekunBasic ? "" : try t.string("category").trimmingCharacters(in: .whitespaces)
        if kind != .tekunBasic, category.isEmpty || category.contains(where: \.isNewline) {
            throw TOMLError(line: t.line(of: "category"), message: "category must be a non-empty line of text")
        }
        var amount: Money?, multiple: Int64?, base: String?
        var period = Period.month
        if kind == .temporary {
            let m = try t.integer("multiple")
            guard (1...maximumMultiple).contains(m) else {
                throw TOMLError(line: t.line(of: "multiple"), message: "multiple must be 1 to \(maximumMultiple), found \(m)")
            }
            multiple = m
            base = try t.string("base_category")
        } else {
            amount = try money(t, "amount")
            let p = try t.optionalString("period") ?? Period.month.rawValue
            guard let parsed = Period(rawValue: p) else {
                throw TOMLError(line: t.line(of: "period"), message: "period must be 月 or 年, found \"\(p)\"")
            }
            period = parsed
        }
        let effective: CivilDate
        switch t["effective"] {
        case .date(let d): effective = d
        case .string(let s):
            guard let d = CivilDate(parsing: s) else {
                throw TOMLError(line: t.line(of: "effective"), message: "effective must be a date (YYYY-MM-DD), found \"\(s)\"")
            }
            effective = d
        case nil: throw TOMLError(line: t.line, message: "missing key 'effective'")
        case .some: throw TOMLError(line: t.line(of: "effective"), message: "effective must be a date (YYYY-MM-DD)")
        }
        return Entry(kind: kind, area: area, category: category, amount: amount, period: period, multiple: multiple,
                     baseCategory: base, effective: effective, documentNumber: try t.string("document"),
                     documentTitle: try t.string("title"), line: t.line)
    }

    /// An amount in yuan, written as a string ("810.00") or an integer (810).
    private static func money(_ t: TOMLTable, _ key: String) throws(TOMLError) -> Money {
        let value: Money
        switch t[key] {
        case .integer(let n):
            guard n >= 0, n <= maximumFen / 100 else { throw TOMLError(line: t.line(of: key), message: "\(key) is out of range") }
            value = Money(fen: n * 100)
        case .string(let s):
            do { value = try Money.parseYuan(s) } catch {
                throw TOMLError(line: t.line(of: key), message: "\(key) \"\(s)\" is not an amount in yuan: \(error)")
            }
        case nil: throw TOMLError(line: t.line, message: "missing key '\(key)'")
        case .some: throw TOMLError(line: t.line(of: key), message: "\(key) must be an amount in yuan (\"810.00\")")
        }
        guard value.fen > 0, value.fen <= maximumFen else {
            throw TOMLError(line: t.line(of: key), message: "\(key) must be above 0 and at most 1000000 yuan")
        }
        return value
    }
}
