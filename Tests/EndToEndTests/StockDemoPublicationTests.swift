import Foundation
import Testing

/// Issue 21: the stock demo (12,000 households) publishes on both channels, with and without the
/// village-board split, although two-character staff and caller names are the start of heads' names,
/// a staff member is named after the start of a township (张易, 张易镇) and a caller shares a head's
/// name. On village boards that head's full name is printed in the list.
@Suite struct StockDemoPublicationTests {
    @Test func theStockDemoPublishesOnBothChannelsWithAndWithoutTheSplit() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try await Binary.run(["demo", "--db", "d.sqlite", "--month", "2026-10", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")

        // A head of 张易镇 (the township whose name starts with the staff member's), paid 低保 in October,
        // is also a caller.
        func rows(_ file: String) throws -> [[Substring]] {
            try String(contentsOf: dir.appendingPathComponent("data/\(file)"), encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        }
        let heads = Dictionary(try rows("households.csv").filter { $0.count > 3 && $0[1] == "张易镇" }.map { ($0[0], $0[3]) },
                               uniquingKeysWith: { a, _ in a })
        let enrolment = try #require(try rows("enrolments.csv").first {
            $0.count > 9 && heads[$0[0]] != nil && ($0[1] == "最低生活保障" || $0[1] == "dibao") && $0[8] <= "2026-10" && $0[9].isEmpty
        })
        let (household, headName) = (String(enrolment[0]), String(heads[enrolment[0]]!))
        let extra = dir.appendingPathComponent("extra")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        try """
        工号,姓名,岗位,持证,取证日期,本年培训学时
        S9001,张易,核查员,无,,
        """.write(to: extra.appendingPathComponent("staff.csv"), atomically: true, encoding: .utf8)
        try """
        编号,受理时间,渠道,类型,类别,涉及项目,涉及户编号,乡镇,内容,来电人,来电号码,匿名,办结时间,满意度
        TS-202610-9001,2026-10-12 10:00,监督电话,投诉,应保未保,dibao,\(household),张易镇,反映情况,\(headName),13909541234,否,,
        """.write(to: extra.appendingPathComponent("complaints.csv"), atomically: true, encoding: .utf8)
        let imported = try await Binary.run(["import", "extra", "--db", "d.sqlite"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")

        for (channel, split, out) in [("web", false, "web"), ("web", true, "web-split"), ("print", false, "print"), ("print", true, "boards")] {
            let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "d.sqlite", "--channel", channel, "--out", out]
                                              + (split ? ["--split", "township"] : []), in: dir)
            #expect(result.status == 0, "\(channel)\(split ? " --split township" : ""): \(result.stderr)")
        }
        // The README's village-board command printed the head in full, in 张易镇's notice.
        let board = try String(contentsOf: dir.appendingPathComponent("boards/2026-10/notice-dibao.html"), encoding: .utf8)
        let web = try String(contentsOf: dir.appendingPathComponent("web/2026-10/notice-dibao.html"), encoding: .utf8)
        if board.contains(household) || web.contains(household) { Issue.record("a 户编号 was printed") }
        #expect(board.contains(headName))
        #expect(!web.contains(headName))
    }
}
