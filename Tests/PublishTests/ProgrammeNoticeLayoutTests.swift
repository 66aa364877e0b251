import Document
import Foundation
import GongkaiCore
@testable import Publish
import Testing
import Typeset

/// How the notice's own rows and title come out of the typesetter: the subtotal label spans the empty
/// 村 cell beside it instead of wrapping in 乡镇, and the title breaks between its segments.
@Suite struct ProgrammeNoticeLayoutTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates").path

    static func notice(_ programme: Programme) throws -> ProgrammeNotice {
        func recipient(_ township: String, _ name: String) -> PublicRecipient {
            PublicRecipient(township: township, village: "南城社区", name: name, persons: 3, category: "一类",
                            amount: Money(fen: 120_000), reason: nil)
        }
        let recipients = [recipient("南关街道", "马*国"), recipient("南关街道", "李*华"), recipient("三营镇", "海*")]
        let data = PublicProgrammeMonth(programme: programme, month: YearMonth(year: 2026, month: 10)!, recipients: recipients,
                                        started: [], stopped: [], adjusted: [])
        return ProgrammeNotice(data: data, office: try OfficeSettings.load(templates: templates),
                               publicationDate: CivilDate(year: 2026, month: 11, day: 5)!,
                               calendar: try WorkCalendar.load(templates: templates))
    }

    @Test func subtotalLabelsSpanTheEmptyVillageCellAndNeverWrap() throws {
        let pages = try Typesetter(settings: .gbt9704).pages(try Self.notice(.dibao).document())
        let sums = pages.flatMap(\.rows).filter { $0.kind == .subtotal || $0.kind == .total }
        #expect(sums.map { $0.cellLines[1] } == [["南关街道小计"], ["三营镇小计"], ["全区合计"]])
        #expect(sums.map { $0.cellLines[2] } == [["2户"], ["1户"], ["3户"]])
    }

    @Test func theTitleBreaksBetweenItsSegments() throws {
        let notice = try Self.notice(.tekun)
        #expect(notice.titleSegments == ["原州区", "2026年10月", "特困人员救助供养", "对象公布"])
        let page = try Typesetter(settings: .gbt9704).pages(try notice.document())[0]
        #expect(Array(page.lines.prefix(2)) == ["原州区2026年10月", "特困人员救助供养对象公布"])
    }
}
