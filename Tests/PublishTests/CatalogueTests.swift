import Document
import Foundation
import GongkaiCore
import Testing
@testable import Publish

/// The 政府信息公开 catalogue entries (索引号, 发布机构, 发文日期, 主题分类, 文号) and the 公示期, with
/// every number and date worked out by hand in the comments.
@Suite struct CatalogueTests {
    static let office = Result { try OfficeSettings.load(templates: HandMadeNoticeTests.templates) }

    static func pattern(_ text: String) throws -> IndexNumberPattern {
        switch IndexNumberPattern.parse(text) {
        case .success(let p): return p
        case .failure(let problem): throw problem
        }
    }

    @Test func standardPatternNumbersEveryDocumentOfEveryReleaseApart() throws {
        let p = try Self.pattern(IndexNumberPattern.standard)
        // October, release 1, the 低保 notice (doc 1): ((1 − 1) × 12 + 10) × 100 + 1 = 1001 → 01001.
        #expect(p.render(officeCode: "640402-MZJ", year: 2026, month: 10, release: 1, doc: 1) == "640402-MZJ/2026-01001")
        // October, release 2: ((2 − 1) × 12 + 10) × 100 + 1 = 2201.
        #expect(p.render(officeCode: "640402-MZJ", year: 2026, month: 10, release: 2, doc: 1) == "640402-MZJ/2026-02201")
        // January, release 1, the evaluation report (doc 22): (0 + 1) × 100 + 22 = 122 → 00122.
        #expect(p.render(officeCode: "X", year: 2027, month: 1, release: 1, doc: 22) == "X/2027-00122")
        // Within a year no two (month, release, document) share a number.
        var seen = Set<String>()
        for release in 1...30 { for month in 1...12 { for doc in ReleaseCatalogue.documentNumbers.values {
            #expect(seen.insert(p.render(officeCode: "A", year: 2026, month: month, release: release, doc: doc)).inserted)
        } } }
    }

    @Test func patternWithOtherPlaceholdersAndItsRefusals() throws {
        let p = try Self.pattern("{office_code}-{year}{month:02}-{doc:03}-r{release}")
        #expect(p.render(officeCode: "MZJ", year: 2026, month: 3, release: 2, doc: 20) == "MZJ-202603-020-r2")
        for (bad, says) in [("{office_code}/{year}", "neither {seq} nor {doc}"), ("{office}/{seq}", "'{office}' is not a placeholder"),
                            ("{seq:5}", "0N"), ("{seq", "without '}'")] {
            guard case .failure(let problem) = IndexNumberPattern.parse(bad) else { Issue.record("\(bad) was accepted"); continue }
            #expect(problem.reason.contains(says), "\(bad): \(problem.reason)")
        }
    }

    @Test func officeTomlDefaultsAndTheLineOfABadPattern() throws {
        let office = try Self.office.get()
        #expect(office.catalogue.officeCode == "640402-MZJ")
        #expect(office.catalogue.category == "社会救助")
        #expect(office.publicityDays == 7)
        #expect(office.site.banner == "政府信息公开")
        #expect(office.site.address == office.petitionAddress)
        #expect(office.site.siteCode == nil && office.site.icp == nil)
        let text = try String(contentsOfFile: HandMadeNoticeTests.templates + "/office.toml", encoding: .utf8)
        let broken = text.replacingOccurrences(of: "index_pattern = \"{office_code}/{year}-{seq:05}\"",
                                               with: "index_pattern = \"{office_code}/{year}\"")
        #expect(broken != text)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix("index_pattern") }) + 1
        #expect(throws: InputError.self) { try OfficeSettings.parse(broken, file: "office.toml") }
        do { _ = try OfficeSettings.parse(broken, file: "office.toml") } catch {
            #expect("\(error)".contains("\(line)") && "\(error)".contains("{seq}"), "\(error)")
        }
        let numbered = text.replacingOccurrences(of: "# \"2026-10/notice-dibao\" = \"原民发〔2026〕12号\"",
                                                 with: "\"2026-10/notice-dibao\" = \"原民发〔2026〕12号\"")
        #expect(try OfficeSettings.parse(numbered, file: "office.toml").catalogue.documentNumbers == ["2026-10/notice-dibao": "原民发〔2026〕12号"])
        let wrongKey = numbered.replacingOccurrences(of: "\"2026-10/notice-dibao\" =", with: "\"2026-10/notice-foo\" =")
        #expect(throws: InputError.self) { try OfficeSettings.parse(wrongKey, file: "office.toml") }
    }

    @Test func entriesOfARelease() throws {
        var settings = try Self.office.get().catalogue
        settings.documentNumbers = ["2026-10/notice-dibao": "原民发〔2026〕12号"]
        let date = CivilDate(year: 2026, month: 11, day: 5)!
        let catalogue = ReleaseCatalogue(settings: settings, publisher: "固原市原州区民政局",
                                         month: YearMonth(year: 2026, month: 10)!, release: 1, date: date)
        let dibao = try catalogue.entry(for: "notice-dibao")
        #expect(dibao == CatalogueEntry(indexNumber: "640402-MZJ/2026-01001", publisher: "固原市原州区民政局", date: date,
                                        category: "社会救助", documentNumber: "原民发〔2026〕12号"))
        #expect(dibao.fields.map(\.label) == ["索引号", "发布机构", "发文日期", "主题分类", "文号"])
        #expect(dibao.fields[2].value == "2026年11月5日")
        // A township's extract is the notice itself; the 特困 notice is doc 2; the index page doc 30.
        #expect(try catalogue.entry(for: "640402101/notice-dibao") == dibao)
        #expect(try catalogue.entry(for: "notice-tekun").indexNumber == "640402-MZJ/2026-01002")
        #expect(try catalogue.entry(for: "notice-tekun").documentNumber == nil)
        #expect(try catalogue.entry(for: "index").indexNumber == "640402-MZJ/2026-01030")
        #expect(throws: ReleaseCatalogue.UnknownDocument.self) { try catalogue.entry(for: "notes") }
    }

    /// The holiday calendar of the repository's templates (2023–2026), counting weekends only in the
    /// years it has no table for, as the cases across into 2027 and 2028 need.
    static let calendar = Result { try WorkCalendar.load(templates: HandMadeNoticeTests.templates).provisional }

    /// The last day of the 公示期: the publication day is not counted, then `publicity_days` calendar
    /// days; a last day off moves to the next working day (民法典 §203).
    @Test(arguments: [
        // 11月5日 + 7 days: 6, 7, 8, 9, 10, 11, 12 → 11月12日.
        ("2026-11-05", 7, "2026-11-12"),
        // Across the year: 29, 30, 31, 1, 2, 3, 4 → 2027年1月4日.
        ("2026-12-28", 7, "2027-01-04"),
        // February of a leap year: 26, 27, 28, 29, 3月1, 2, 3 → 2028年3月3日.
        ("2028-02-25", 7, "2028-03-03"),
        // February of a common year: 26, 27, 28, 3月1, 2, 3, 4 → 2026年3月4日.
        ("2026-02-25", 7, "2026-03-04"),
        // Ten days over the National Day holiday, which counts (calendar days): 9月29日 … 10月9日.
        ("2026-09-29", 10, "2026-10-09"),
        // 9月24日 + 7 days: 25 … 30, 10月1日 — National Day, off until 10月7日 → 10月8日 (Thursday).
        ("2026-09-24", 7, "2026-10-08"),
        // 11月7日 (Saturday) + 7 days: 11月14日, a Saturday, and 15日 a Sunday → 11月16日 (Monday).
        ("2026-11-07", 7, "2026-11-16"),
        // 10月3日 + 7 days: 10月10日, a Saturday but a 调休 working day for National Day: it stays.
        ("2026-10-03", 7, "2026-10-10"),
        // 2月13日 + 7 days: 2月20日, inside the Spring Festival (2月15日–23日) → 2月24日 (Tuesday).
        ("2026-02-13", 7, "2026-02-24"),
    ])
    func publicityPeriodEnds(_ published: String, _ days: Int, _ end: String) throws {
        var office = try Self.office.get()
        office.publicityDays = days
        guard case .success(let date) = CivilDate.parse(published) else { Issue.record("bad date"); return }
        let notice = ProgrammeNotice(data: PublicProgrammeMonth(programme: .dibao, month: date.yearMonth, recipients: [],
                                                                started: [], stopped: [], adjusted: []),
                                     office: office, publicationDate: date, calendar: try Self.calendar.get())
        #expect(try notice.publicityEnd.description == end)
    }

    /// A last day in a year the calendar has no table for is not guessed: the publication stops,
    /// naming the file to add.
    @Test func aPublicityEndInAYearWithoutACalendarIsRefused() throws {
        let calendar = try WorkCalendar.load(templates: HandMadeNoticeTests.templates)
        let date = try #require(CivilDate(year: 2026, month: 12, day: 28))
        let notice = ProgrammeNotice(data: PublicProgrammeMonth(programme: .dibao, month: date.yearMonth, recipients: [],
                                                                started: [], stopped: [], adjusted: []),
                                     office: try Self.office.get(), publicationDate: date, calendar: calendar)
        #expect(throws: CalendarError.notCovered(year: 2027)) { try notice.publicityEnd }
        #expect(throws: CalendarError.notCovered(year: 2027)) { try notice.document() }
    }

    @Test func theNoticeSaysThePeriodAndUntilWhenObjectionsAreTaken() throws {
        let doc = try HandMadeNoticeTests.notice(.dibao, .web)
        let paragraphs = doc.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
        // Published 2026年11月5日 with 7 days: until 11月12日.
        let publicity = try #require(paragraphs.first { $0.hasPrefix("公示期") })
        #expect(publicity.hasPrefix("公示期：2026年11月5日至2026年11月12日，共7天（按自然日计算，发布当日不计入）。"))
        #expect(publicity.contains("请于2026年11月12日（含当日）前向所在乡镇（街道）或固原市原州区民政局提出"))
        #expect(publicity.contains("0954-2032349"))
        // Right after the opening paragraph, before the list.
        guard case .paragraph(let second) = doc.blocks[1] else { Issue.record("block 2 is not the 公示期"); return }
        #expect(second.text == publicity)
    }
}
