import HTML
import Testing
@testable import Publish

/// The index page lists the documents by kind, each once with its formats; the public key only under 如何核验.
@Suite struct IndexSectionsTests {
    static func file(_ href: String, _ title: String) -> ReleaseIndexPage.File {
        ReleaseIndexPage.File(href: href, title: title, size: "1 KB", sha256: String(repeating: "0", count: 64))
    }

    @Test func documentsByKindEachWithItsFormats() {
        let files = [
            Self.file("notice-dibao.pdf", "低保公布"), Self.file("notice-dibao.html", "低保公布"),
            Self.file("640402101/notice-dibao.pdf", "低保公布（三营镇）"),
            Self.file("notice-tekun.pdf", "特困公布"), Self.file("notice-tekun.html", "特困公布"),
            Self.file("policy.pdf", "政策"), Self.file("policy.html", "政策"),
            Self.file("notice-complaints.pdf", "投诉"), Self.file("evaluation.html", "评估"),
            Self.file("indicators.csv", "指标（CSV）"), Self.file("datapackage.json", "数据包"),
            Self.file("office-key.pub.pem", "公钥"),
        ]
        let sections = IndexSections.sections(files)
        #expect(sections.map(\.title) == IndexSections.order)
        #expect(sections[0].entries.map(\.title) == ["低保公布", "特困公布"])
        #expect(sections[0].entries[0].files.map(\.href) == ["notice-dibao.pdf", "notice-dibao.html"])
        #expect(sections[1].entries.map(\.title) == ["低保公布（三营镇）"])
        #expect(sections[3].entries.map(\.title) == ["投诉"])
        #expect(sections[5].entries.map(\.title) == ["指标（CSV）", "数据包"])
        #expect(!sections.flatMap(\.entries).contains { $0.title == "公钥" })
    }
}
