/// The 索引号 pattern of templates/office.toml (`[catalogue] index_pattern`), e.g.
/// `{office_code}/{year}-{seq:05}`: literal text and placeholders, a number placeholder optionally
/// zero-padded (`{seq:05}` is at least five digits).
///
/// Placeholders: `office_code`; `year`, `month` (of the month published), `release` (1, 2, …), `doc`
/// (the document's number in a release, `ReleaseCatalogue.documentNumbers`) and `seq`, one number
/// unique within a year for every document of every release: ((release − 1) × 12 + month) × 100 + doc.
/// Everything is derived from the release, never counted at run time, so a rebuilt release carries
/// the same 索引号 (byte-identical republishing).
struct IndexNumberPattern: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case officeCode
        case number(Field, width: Int)
    }

    enum Field: String, Sendable, CaseIterable { case year, month, release, doc, seq }

    let pieces: [Piece]

    static let standard = "{office_code}/{year}-{seq:05}"

    /// Parses `text`; the error says which placeholder is wrong, for the TOML error to place.
    static func parse(_ text: String) -> Result<IndexNumberPattern, PatternProblem> {
        var pieces: [Piece] = [], literal = "", rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return .failure(PatternProblem("'{' 缺少对应的 '}'")) }
            if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
            let inside = rest[rest.index(after: open)..<close]
            let parts = inside.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            var width = 0
            if parts.count == 2 {
                guard let w = Int(parts[1]), parts[1].first == "0", (1...12).contains(w) else {
                    return .failure(PatternProblem("'{\(inside)}'：':' 后的宽度应写成 0N，如 {seq:05}"))
                }
                width = w
            }
            if name == "office_code" && width == 0 {
                pieces.append(.officeCode)
            } else if let field = Field(rawValue: name) {
                pieces.append(.number(field, width: width))
            } else {
                let known = (["office_code"] + Field.allCases.map(\.rawValue)).map { "{\($0)}" }.joined(separator: " ")
                return .failure(PatternProblem("'{\(inside)}' 不是占位符（\(known)）"))
            }
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.text(literal)) }
        guard pieces.contains(where: { if case .number(.seq, _) = $0 { true } else if case .number(.doc, _) = $0 { true } else { false } }) else {
            return .failure(PatternProblem("既没有 {seq} 也没有 {doc}，同一个月的两份文件会共用一个索引号"))
        }
        return .success(IndexNumberPattern(pieces: pieces))
    }

    struct PatternProblem: Error { let reason: String; init(_ reason: String) { self.reason = reason } }

    /// The 索引号 of document `doc` (1–99) of release `release` of `year`-`month`.
    func render(officeCode: String, year: Int, month: Int, release: Int, doc: Int) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .officeCode: return officeCode
            case .number(let field, let width):
                let value = switch field {
                case .year: year
                case .month: month
                case .release: release
                case .doc: doc
                case .seq: ((release - 1) * 12 + month) * 100 + doc
                }
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
        }.joined()
    }
}
