import GongkaiCore

/// A document's entry in the office's 政府信息公开目录: the catalogue metadata a government site shows
/// above every item of 主动公开 (索引号, 发布机构, 发文日期, 主题分类, and 文号 where there is one).
/// Both renderers print `fields` in this order: the HTML above the title, the PDF at the head of its
/// first page.
public struct CatalogueEntry: Sendable, Codable, Equatable {
    public var indexNumber: String
    public var publisher: String
    /// 发文日期: the release's publication date.
    public var date: CivilDate
    /// 主题分类, e.g. 社会救助.
    public var category: String
    /// 文号, e.g. 原民发〔2026〕12号; nil when the office gives the document none.
    public var documentNumber: String?

    public init(indexNumber: String, publisher: String, date: CivilDate, category: String, documentNumber: String? = nil) {
        self.indexNumber = indexNumber; self.publisher = publisher; self.date = date
        self.category = category; self.documentNumber = documentNumber
    }

    /// Label and value, in reading order; the 文号 only when there is one.
    public var fields: [(label: String, value: String)] {
        [("索引号", indexNumber), ("发布机构", publisher), ("发文日期", date.chinese), ("主题分类", category)]
            + (documentNumber.map { [("文号", $0)] } ?? [])
    }
}
