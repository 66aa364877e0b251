import Foundation
import GongkaiCore

/// The flat view models of the index and archive pages (see `PageView` for the conventions).
enum ListingView {
    static func index(_ page: ReleaseIndexPage, css: String) -> [String: Any] {
        [
            "lang": "zh-CN", "title": page.titleSegments.joined(), "office": page.office,
            "subject": "信息公开目录", "keywords": "", "css": css,
            "titleSegments": page.titleSegments.enumerated().map { i, text in ["textHTML": Phrasing.html(text, noBreak: false), "wbr": i > 0] as [String: Any] },
            "introductionHTML": Phrasing.html(page.introduction), "contactHTML": Phrasing.html(page.contact),
            "archive": page.archive, "signature": page.signature ?? "", "hasSignature": page.signature != nil,
            "date": page.date.chinese, "isoDate": page.date.description,
            "sections": page.sections.enumerated().map { i, section -> [String: Any] in
                ["title": section.title, "id": "kind-\(i + 1)",
                 "entries": section.entries.map { entry -> [String: Any] in
                     ["titleHTML": Phrasing.html(entry.title),
                      "files": entry.files.enumerated().map { k, file -> [String: Any] in
                          ["href": file.href, "format": format(of: file.href), "size": file.size, "separator": k > 0]
                      }]
                 }]
            },
            "files": page.files.map { file -> [String: Any] in
                ["href": file.href, "titleHTML": Phrasing.html(file.title), "format": format(of: file.href),
                 "size": file.size, "sha256": file.sha256, "shortSHA": String(file.sha256.prefix(12))]
            },
        ].merging(PageView.catalogue(page.catalogue)) { $1 }
    }

    static func archive(_ page: ArchivePage, css: String) -> [String: Any] {
        [
            "lang": "zh-CN", "title": page.title, "office": page.office, "subject": "信息公开档案",
            "keywords": "", "css": css,
            "titleSegments": [["textHTML": Phrasing.html(page.title, noBreak: false), "wbr": false] as [String: Any]],
            "introductionHTML": Phrasing.html(page.introduction),
            "signature": page.signature ?? "", "hasSignature": page.signature != nil,
            "hasMonths": !page.months.isEmpty,
            "months": page.months.map { month -> [String: Any] in
                ["label": month.month.chinese, "isoMonth": month.month.description, "id": "month-\(month.month)",
                 "releases": month.releases.map { r -> [String: Any] in
                     ["number": String(r.number), "href": r.href, "date": r.date.chinese, "isoDate": r.date.description,
                      "files": String(r.files), "replaces": r.supersedes.map { String($0.number) } ?? "", "replacesReason": r.supersedes?.reason ?? "",
                      "hasReplaces": r.supersedes != nil,
                      "superseded": r.supersededBy != nil, "supersededBy": r.supersededBy.map { String($0.number) } ?? "",
                      "supersededReason": r.supersededBy?.reason ?? ""]
                 }]
            },
        ]
    }

    /// What a reader's device needs to open the file, from its name.
    static func format(of href: String) -> String {
        switch (href as NSString).pathExtension.lowercased() {
        case "pdf": "PDF"
        case "html": "网页 HTML"
        case "csv": "表格 CSV"
        case "json": "数据 JSON"
        case let other: other.uppercased()
        }
    }
}
