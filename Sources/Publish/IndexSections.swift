import HTML

/// The files of a release grouped as a reader looks for them on the index page: the recipient lists,
/// the village-board extracts, the standards and guides, the complaint statistics, the evaluation
/// report and the open data, each document once with its formats (web page and PDF side by side).
/// The public key is for checking, not reading: it is listed under 如何核验 only.
enum IndexSections {
    /// Section titles in the order the page shows them.
    static let order = ["救助对象名单和公示", "村（社区）张贴版（按乡镇）", "救助标准和办事指南", "投诉举报办理情况", "社会救助绩效评估", "开放数据"]

    /// The section of a file, by its path; nil for a file listed under 如何核验 only.
    static func kind(of path: String) -> String? {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let base = name.split(separator: ".").first.map(String.init) ?? name
        if path.contains("/") { return order[1] }
        switch base {
        case "notice-complaints": return order[3]
        case let notice where notice.hasPrefix("notice-"): return order[0]
        case "policy": return order[2]
        case "evaluation": return order[4]
        case "indicators", "datapackage": return order[5]
        default: return nil
        }
    }

    static func sections(_ files: [ReleaseIndexPage.File]) -> [ReleaseIndexPage.Section] {
        var entries: [String: [ReleaseIndexPage.Entry]] = [:]
        var documentOf: [String: (kind: String, index: Int)] = [:]
        for file in files {
            guard let kind = kind(of: file.href) else { continue }
            // A document's PDF and web page share their name and title: one entry, both formats.
            let stem = file.href.hasSuffix(".pdf") || file.href.hasSuffix(".html")
                ? String(file.href[..<(file.href.lastIndex(of: ".") ?? file.href.endIndex)]) : file.href
            if let at = documentOf[stem] {
                entries[at.kind]?[at.index].files.append(file)
            } else {
                documentOf[stem] = (kind, entries[kind, default: []].count)
                entries[kind, default: []].append(ReleaseIndexPage.Entry(title: file.title, files: [file]))
            }
        }
        return order.compactMap { title in entries[title].map { ReleaseIndexPage.Section(title: title, entries: $0) } }
    }
}
