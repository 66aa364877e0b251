import Foundation

extension PaymentStandards {
    /// The largest amount or multiple accepted: far above any real standard, small enough that
    /// `multiple × standard × persons` cannot overflow Int64 fen.
    static let maximumFen: Int64 = 100_000_000  // 1,000,000 yuan
    static let maximumMultiple: Int64 = 120

    /// The file of the templates folder the standards are read from.
    public static let fileName = "standards.toml"

    public static func load(templates: String) throws(InputError) -> PaymentStandards {
        let file = try TemplateFile.read(fileName, in: templates)
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
                throw TOMLError(line: e.line, message: "同一救助项目、城乡和类别在 \(e.effective) 生效的条目有两个：标准调整应另写一个生效日期更晚的条目")
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
                throw TOMLError(line: t.line(of: "area"), message: "area 须为 \(Codelist.area.joined(separator: " 或 "))，实际为 \"\(a)\"")
            }
            area = a
        }
        let category = kind == .tekunBasic ? "" : try t.string("category").trimmingCharacters(in: .whitespaces)
        if kind != .tekunBasic, category.isEmpty || category.contains(where: \.isNewline) {
            throw TOMLError(line: t.line(of: "category"), message: "category 须为非空的一行文字")
        }
        var amount: Money?, multiple: Int64?, base: String?
        var period = Period.month
        if kind == .temporary {
            let m = try t.integer("multiple")
            guard (1...maximumMultiple).contains(m) else {
                throw TOMLError(line: t.line(of: "multiple"), message: "multiple 须在 1 至 \(maximumMultiple) 之间，实际为 \(m)")
            }
            multiple = m
            base = try t.string("base_category")
        } else {
            amount = try money(t, "amount")
            let p = try t.optionalString("period") ?? Period.month.rawValue
            guard let parsed = Period(rawValue: p) else {
                throw TOMLError(line: t.line(of: "period"), message: "period 须为 月 或 年，实际为 \"\(p)\"")
            }
            period = parsed
        }
        let effective: CivilDate
        switch t["effective"] {
        case .date(let d): effective = d
        case .string(let s):
            guard let d = CivilDate(parsing: s) else {
                throw TOMLError(line: t.line(of: "effective"), message: "effective 须为日期（YYYY-MM-DD），实际为 \"\(s)\"")
            }
            effective = d
        case nil: throw TOMLError(line: t.line, message: "缺少键 'effective'")
        case .some: throw TOMLError(line: t.line(of: "effective"), message: "effective 须为日期（YYYY-MM-DD）")
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
            guard n >= 0, n <= maximumFen / 100 else { throw TOMLError(line: t.line(of: key), message: "\(key) 超出范围") }
            value = Money(fen: n * 100)
        case .string(let s):
            do { value = try Money.parseYuan(s) } catch {
                throw TOMLError(line: t.line(of: key), message: "\(key) \"\(s)\" 不是以元为单位的金额：\(error)")
            }
        case nil: throw TOMLError(line: t.line, message: "缺少键 '\(key)'")
        case .some: throw TOMLError(line: t.line(of: key), message: "\(key) 须为以元为单位的金额（\"810.00\"）")
        }
        guard value.fen > 0, value.fen <= maximumFen else {
            throw TOMLError(line: t.line(of: key), message: "\(key) 须大于 0 且不超过 1000000 元")
        }
        return value
    }
}
