/// The typefaces GB/T 9704 names, each resolved through its own chain of installed families.
public enum FontRole: String, Sendable, CaseIterable {
    /// 仿宋: body text, level 3–4 headings, tables.
    case body
    /// 小标宋: the document title.
    case title
    /// 黑体: level 1 headings, table headers.
    case heiti
    /// 楷体: level 2 headings.
    case kaiti
    /// 宋体: page numbers.
    case pageNumber

    /// How the role is called in page.toml and in messages.
    public var key: String {
        switch self {
        case .body: "body"
        case .title: "title"
        case .heiti: "heading1"
        case .kaiti: "heading2"
        case .pageNumber: "page_number"
        }
    }
}
