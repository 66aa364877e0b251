import Sheets

/// `complaint list --format xlsx`: the listing's columns as staff open them (numbers as text codes,
/// times and deadlines as dates Excel can sort and filter).
enum ComplaintListSheet {
    static func sheet(header: [String], rows: [[String]]) -> XLSXWriter.Sheet {
        let kinds: [String: (Double, XLSXWriter.Style, Bool)] = [
            "id": (18, .code, false), "received_at": (17, .general, true), "due": (12, .general, true),
            "programme": (11, .code, false), "township": (12, .general, false), "category": (12, .general, false),
        ]
        let columns = header.map { name in XLSXWriter.Column(name, width: kinds[name]?.0 ?? 10, style: kinds[name]?.1 ?? .general) }
        let dated = header.map { kinds[$0]?.2 ?? false }
        return XLSXWriter.Sheet(name: "complaints", columns: columns, rows: rows.map { row in
            row.enumerated().map { i, text in text.isEmpty ? .empty : (i < dated.count && dated[i]) ? .date(text) : .text(text) }
        })
    }
}
