import Accounts
import Desk
import Foundation
import GongkaiCore
import GRDB
import Hummingbird
import HummingbirdTesting
@testable import Store
import Testing
@testable import Web

/// The household lookup at intake and "link as repeat" (issue 13, items 1 and 2).
@Suite struct IntakeLookupTests {
    /// Households in 三营镇 and one in another township with the same head's name; 25 more whose
    /// numbers share a beginning, to pass the limit.
    static func bed() throws -> WebTestBed {
        let bed = try IntakeRouteTests.bed()
        let other = try #require(bed.environment.schedule.townships.names.first { $0 != "三营镇" })
        try bed.store.write { db in
            func household(_ id: String, _ township: String, _ head: String) throws {
                try db.execute(sql: """
                    INSERT INTO household (household_id, township, village, head_name, head_id_number, phone, household_size, area)
                    VALUES (?, ?, '团结村', ?, '640402199001011234', '13800000000', 3, '农村')
                    """, arguments: [id, township, head])
            }
            try household("SY0001", "三营镇", "马建国")
            try household("SY0002", "三营镇", "马建华")
            try household("QT0001", other, "马建国")
            for n in 0..<25 { try household("MANY\(100 + n)", "三营镇", "李四\(n)") }
            try db.execute(sql: """
                INSERT INTO enrolment (household_id, programme, covered_persons, amount_fen, frequency, applied_on, applied_day,
                    approved_on, approved_day, approved_month_index, start_month, start_month_index, township)
                VALUES ('SY0001', 'dibao', 3, 60000, 'monthly', '2026-01-05', 0, '2026-01-20', 0, ?, '2026-02', ?, '三营镇')
                """, arguments: [2026 * 12, 2026 * 12 + 1])  // month indexes of 2026-01 and 2026-02
        }
        return bed
    }

    @Test func aNameIsLookedUpWithinTheChosenTownshipOnlyAndShowsNoMoreThanNeeded() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .intake))
            _ = try await browser.get(client, "/complaints/new")
            let found = try await browser.post(client, "/complaints/new", [
                ("summary", "低保金未到账"), ("category", "发放时限"), ("township", "三营镇"), ("household_query", "马建"), ("lookup", "1"),
            ])
            let html = String(buffer: found.body)
            #expect(found.status == .ok)
            #expect(html.contains("name=\"household_id\" type=\"radio\" value=\"SY0001\"") && html.contains("value=\"SY0002\""))
            #expect(html.contains("SY0001 · 户主 马建国 · 三营镇团结村 · 低保"), "number, head, village, programmes")
            #expect(!html.contains("QT0001"), "another township's namesake is not shown")
            #expect(!html.contains("640402199001011234") && !html.contains("13800000000"), "no ID number, no phone")
            #expect(html.contains("value=\"低保金未到账\""), "the form keeps what was typed")
            let save = try #require(html.range(of: "保存（回车）")), lookup = try #require(html.range(of: ">查找户<"))
            #expect(save.lowerBound < lookup.lowerBound, "the save button comes first: Enter saves")
            #expect(try bed.store.complaints().isEmpty, "a lookup saves nothing")

            let nameless = try await browser.post(client, "/complaints/new", [("summary", "x"), ("category", "其他"), ("household_query", "马建国"), ("lookup", "1")])
            #expect(String(buffer: nameless.body).contains("请先选择乡镇") && !String(buffer: nameless.body).contains("SY0001"))

            let byNumber = String(buffer: try await browser.get(client, "/complaints/new?lookup=1&household_query=MANY").body)
            #expect(byNumber.components(separatedBy: "type=\"radio\" value=\"MANY").count - 1 == 20, "at most 20")
            #expect(byNumber.contains("只显示前 20 户"))

            let literal = String(buffer: try await browser.post(client, "/complaints/new", [("household_query", "%"), ("lookup", "1")]).body)
            #expect(literal.contains("没有找到"), "a wildcard is matched literally")

            let chosen = try await browser.post(client, "/complaints/new", [("summary", "低保金未到账"), ("category", "发放时限"),
                                                                            ("township", "三营镇"), ("household_id", "SY0001")])
            #expect(chosen.status == .ok)
        }
        #expect(try bed.store.complaint(id: "TS-202610-0001")?.householdId == "SY0001")
        let audited = try bed.environment.audit.entries(AuditQuery(action: .householdLookup))
        #expect(audited.count == 4)
        #expect(Set(audited.map(\.object)) == ["name", "number", ""])
        #expect(!audited.contains { $0.object.contains("马") || $0.detail.contains("马") }, "never the name typed")
    }

    @Test func onlyIntakeRolesMayLookUp() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            for role in [Role.handler, .leader] {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: role))
                let answer = try await browser.get(client, "/complaints/new?lookup=1&household_query=SY")
                #expect(answer.status == .forbidden && !String(buffer: answer.body).contains("SY0001"), "\(role)")
            }
        }
    }

    @Test func aPossibleDuplicateIsLinkedAsARepeatAndBothPagesShowTheLink() async throws {
        let bed = try Self.bed()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock, identity: IntakeRouteTests.identity)
        var random = SystemRandomNumberGenerator()
        let first = try desk.add(ComplaintIntake(receivedAt: "2026-10-01 09:00", channel: "来访", type: "投诉", category: "发放时限",
                                                 householdId: "SY0001", summary: "9月未到账"),
                                 by: .system, issuePIN: false, source: "test", random: &random).id
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .intake))
            _ = try await browser.get(client, "/complaints/new")
            let fields = [("summary", "还是没到账"), ("category", "发放时限"), ("household_id", "SY0001")]
            let shown = String(buffer: try await browser.post(client, "/complaints/new", fields).body)
            #expect(shown.contains("form=\"intake-form\" name=\"repeat_of\" value=\"\(first)\">作为重复来电关联</button>"))
            let save = try #require(shown.range(of: "保存（回车）")), link = try #require(shown.range(of: "作为重复来电关联</button>"))
            #expect(save.lowerBound < link.lowerBound, "Enter submits with the first submit button of the form: saving, not linking")
            let saved = try await browser.post(client, "/complaints/new", fields + [("confirm", "是"), ("repeat_of", first)])
            #expect(saved.status == .ok && String(buffer: saved.body).contains("已作为 \(first) 的重复来电关联"))
            let later = String(buffer: try await browser.get(client, "/complaints/TS-202610-0002").body)
            #expect(later.contains("本件是 <a href=\"/complaints/\(first)\">\(first)</a> 的重复来电"))
            let earlier = String(buffer: try await browser.get(client, "/complaints/\(first)").body)
            #expect(earlier.contains("重复来电：<a href=\"/complaints/TS-202610-0002\">TS-202610-0002</a>"))
            #expect(earlier.contains("重复来电 TS-202610-0002"), "the earlier one's history says so")

            let unknown = try await browser.post(client, "/complaints/new", fields + [("repeat_of", "TS-202601-9999")])
            #expect(unknown.status == .badRequest && String(buffer: unknown.body).contains("重复来电关联"))
        }
        #expect(try bed.store.complaint(id: "TS-202610-0002")?.repeatOf == first)
        #expect(try bed.store.complaints().count == 2, "the refused link saved nothing")
        let events = try bed.store.complaintEvents(id: first)
        #expect(events.last?.action == "repeat" && events.last?.fromState == "登记" && events.last?.toState == "登记")
        let stats = try desk.statistics(month: YearMonth(index: 2026 * 12 + 9))
        #expect(stats.received == 2 && stats.repeated == 1, "a repeat is a new complaint, and counted as a repeat")
    }
}
