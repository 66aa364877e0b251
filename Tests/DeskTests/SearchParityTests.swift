import Desk
import Foundation
import GongkaiCore
@testable import Store
import StoreTestSupport
import Testing

/// Issue 26: the desk's search gives the same complaints in the same order on SQLite (FTS5 trigram
/// table, LIKE) and on PostgreSQL (pg_trgm indexes, ILIKE under the "C" collation), for queries of
/// one, two and three or more characters, Chinese, digits, Latin letters in any case, wildcards and
/// quotes typed as text, and queries that find nothing.
@Suite struct SearchParityTests {
    static let summaries = [
        "9月低保金未到账", "低保金发放延迟两个月", "Dibao card lost 50%_off", "门前道路积水", "申请临时救助 2026 年",
        "特困供养金额有误", "DIBAO 卡丢失", "医疗救助报销慢", "低", "保障房 A-12 号", "Ärger über Dibao", "\"引号\" 与 100% 满意",
        "電話打不通", "dibao_card 补办", "高龄津贴 80 岁以上",
    ]
    static let replies = [(1, "已联系乡镇排水，特困户优先"), (4, "已补发 2026 年 10 月低保金"), (7, "dibao CARD reissued")]
    static let queries = [
        "低", "保", "金", "A", "a", "2", "%", "_", "\"",                         // one character
        "低保", "救助", "Di", "20", "%_", "岁以", "排水",                           // two
        "低保金", "dibao", "DIBAO CARD", "2026", "50%_off", "A-12", "特困", "10 月低保金", "\"引号\"", "ärger", "Ärger",
        "電話打", "reissued", "_card", "临时救助 2026",                              // three or more
        "不存在的内容", "xyz", "低保金低保金",                                        // no hit
    ]

    /// The fixture's complaints on `backend`: one per summary, received a day apart, some with replies.
    static func desk(_ backend: TestBackend) async throws -> DeskFixture {
        let f = try await DeskFixture(backend)
        var random = SystemRandomNumberGenerator()
        for (i, summary) in summaries.enumerated() {
            let at = "2026-10-\(String(format: "%02d", 8 + i)) 09:00"
            _ = try f.at(at).add(ComplaintIntake(receivedAt: at, channel: "监督电话", type: "投诉", category: i % 2 == 0 ? "其他" : "发放时限",
                                                 summary: summary, callerName: "王小二"),
                                 by: .account(f.centre), issuePIN: false, source: "test", random: &random)
        }
        for (index, note) in replies {
            let id = String(format: "TS-202610-%04d", index + 1)
            try f.step("2026-10-25 09:00", .accept, id)
            try f.step("2026-10-25 10:00", .reply, id, .init(note: note))
        }
        return f
    }

    /// What each query finds, in the listing's orders, through the Store API (all complaints, a
    /// narrowed selection, a page, a count) and the desk's search box (which takes a complaint's
    /// number as the number) on `f`'s store.
    static func answers(_ f: DeskFixture) throws -> [String: [String]] {
        let store = f.store
        var answers: [String: [String]] = [:]
        for search in queries + ["TS-202610-0003", "ts-202610-0003", "TS-202610-0099"] {
            var query = ComplaintQuery()
            query.search = search
            answers["desk \(search)"] = try f.at("2026-10-26 09:00").complaints(query).map(\.id)
        }
        for query in queries {
            var selection = ComplaintSelection()
            selection.text = query
            answers["ids \(query)"] = try store.complaintIds(containing: query).sorted()
            for order in [ComplaintSelection.Order.receivedNewestFirst, .dueSoonestFirst, .number] {
                selection.order = order
                answers["all \(order) \(query)"] = try store.complaints(selection).map(\.complaintId)
            }
            let page = try store.complaintListingPage(selection, limit: 3, offset: 1)
            answers["page \(query)"] = ["\(page.total)"] + page.rows.map(\.complaintId)
            selection.category = "其他"
            answers["narrowed \(query)"] = try store.complaints(selection).map(\.complaintId)
            answers["count \(query)"] = ["\(try store.complaintCount(selection))"]
        }
        return answers
    }

    @Test func theSameQueriesFindTheSameComplaintsInTheSameOrderOnBothDatabases() async throws {
        let sqlite = try Self.answers(try await Self.desk(.sqlite))
        let postgres = try Self.answers(try await Self.desk(.postgres))
        for key in sqlite.keys.sorted() { #expect(postgres[key] == sqlite[key], "\(key)") }
        #expect(postgres.count == sqlite.count)

        // The answers themselves, so that agreeing cannot mean both are wrong.
        func ids(_ numbers: Int...) -> [String] { numbers.map { String(format: "TS-202610-%04d", $0) } }
        #expect(sqlite["ids 低保金"] == ids(1, 2, 5), "two summaries and a reply's note")
        #expect(sqlite["all receivedNewestFirst 低保金"] == ids(5, 2, 1))
        #expect(sqlite["ids 低"] == ids(1, 2, 5, 9), "one character")
        #expect(sqlite["ids 低保"] == ids(1, 2, 5), "two CJK characters")
        #expect(sqlite["ids dibao"] == ids(3, 7, 8, 11, 14), "Latin letters in any case, in a reply too")
        #expect(sqlite["ids DIBAO CARD"] == ids(3, 8))
        #expect(sqlite["ids 50%_off"] == ids(3) && sqlite["ids %"] == ids(3, 12) && sqlite["ids _card"] == ids(14), "wildcards are text")
        #expect(sqlite["ids ärger"] == [] && sqlite["ids Ärger"] == ids(11), "only Latin ASCII letters fold, as SQLite's LIKE folds")
        #expect(sqlite["ids \"引号\""] == ids(12), "quotes are text, not FTS syntax")
        #expect(sqlite["ids 2026"] == ids(5), "digits, in a summary and a reply of the same complaint")
        #expect(sqlite["ids 不存在的内容"] == [] && sqlite["ids 低保金低保金"] == [])
        #expect(sqlite["narrowed 低保金"] == ids(1, 5) && sqlite["count 低保金"] == ["2"])
        #expect(sqlite["page 低"] == ["4"] + ids(2, 5, 9), "by number, the second to the fourth")
        #expect(sqlite["desk TS-202610-0003"] == ids(3) && sqlite["desk TS-202610-0099"] == [], "a number is looked up as the number")
        #expect(sqlite["desk 低保金"] == ids(5, 2, 1), "the search box: newest first")
    }
}
