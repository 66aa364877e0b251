import Document
import GongkaiCore

/// The 政府信息公开 catalogue entries of one release: each document's 索引号 from the office's pattern
/// (`IndexNumberPattern`), the office as 发布机构, the release date as 发文日期, the 主题分类, and the
/// 文号 where office.toml gives one for that month's document.
struct ReleaseCatalogue {
    let settings: CatalogueSettings
    let publisher: String
    let month: YearMonth
    let release: Int
    let date: CivilDate

    /// Each document's fixed number within a release (`{doc}`): the programmes' notices in programme
    /// order, then the policy page, the complaint statistics, the evaluation report and the index.
    /// A township's extract of a notice is that notice, posted on a village board: it carries the
    /// notice's 索引号.
    static let documentNumbers: [String: Int] = {
        var numbers: [String: Int] = ["policy": 20, "notice-complaints": 21, "evaluation": 22, "index": 30]
        for (i, programme) in Programme.allCases.enumerated() { numbers["notice-\(programme.code)"] = i + 1 }
        return numbers
    }()

    /// The entry of the document written as `name` ("notice-dibao", "640402101/notice-dibao", "index").
    func entry(for name: String) throws -> CatalogueEntry {
        let base = String(name.split(separator: "/").last ?? Substring(name))
        guard let doc = Self.documentNumbers[base] else { throw UnknownDocument(name: name) }
        let key = "\(month)/\(base)"
        return CatalogueEntry(
            indexNumber: settings.indexPattern.render(officeCode: settings.officeCode, year: month.year, month: month.month,
                                                       release: release, doc: doc),
            publisher: publisher, date: date, category: settings.category, documentNumber: settings.documentNumbers[key])
    }

    /// A document with no number in `documentNumbers`: a bug in gongkai, said as such.
    struct UnknownDocument: Error, CustomStringConvertible {
        let name: String
        var description: String { "gongkai 没有给文件 '\(name)' 编索引号：这是 gongkai 的缺陷" }
    }
}
