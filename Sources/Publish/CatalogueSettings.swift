import GongkaiCore

/// templates/office.toml `[catalogue]`: how the office numbers and files its documents in its
/// 政府信息公开目录 (`ReleaseCatalogue`).
public struct CatalogueSettings: Sendable, Equatable {
    /// The office's code at the head of every 索引号 (`{office_code}`).
    public var officeCode: String
    var indexPattern: IndexNumberPattern
    /// 主题分类.
    public var category: String
    /// 文号 by month and document ("2026-10/notice-dibao" = "原民发〔2026〕12号"), where the office gives one.
    public var documentNumbers: [String: String]

    static func parse(_ table: TOMLTable?, district: String) throws(TOMLError) -> CatalogueSettings {
        let patternText = try table?.optionalString("index_pattern") ?? IndexNumberPattern.standard
        let pattern: IndexNumberPattern
        switch IndexNumberPattern.parse(patternText) {
        case .success(let p): pattern = p
        case .failure(let problem):
            throw TOMLError(line: table?.line(of: "index_pattern") ?? 0, message: "index_pattern \(problem.reason)")
        }
        var numbers: [String: String] = [:]
        if let table = try table?.optionalTable("document_numbers") {
            for key in table.keys {
                let parts = key.split(separator: "/")
                guard parts.count == 2, YearMonth(parsing: parts[0])?.description == String(parts[0]),
                      ReleaseCatalogue.documentNumbers[String(parts[1])] != nil else {
                    throw TOMLError(line: table.line(of: key), message: "'\(key)' 应为月份加文件，如 \"2026-10/notice-dibao\"")
                }
                numbers[key] = try table.string(key)
            }
        }
        return CatalogueSettings(officeCode: try table?.optionalString("office_code") ?? district, indexPattern: pattern,
                                 category: try table?.optionalString("category") ?? "社会救助", documentNumbers: numbers)
    }
}
