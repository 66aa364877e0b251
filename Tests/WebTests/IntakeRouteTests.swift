import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// Intake in the browser (issue 13, item 1 in part): the form's defaults, the desk's rules, the
/// caller sealed, the PIN shown once, every intake audited.
@Suite struct IntakeRouteTests {
    static let identity = try! CallerIdentityCipher(secret: Data(repeating: 3, count: 32))

    static func bed(identity: CallerIdentityCipher? = IntakeRouteTests.identity) throws -> WebTestBed {
        let bed = try WebTestBed(time: ManualClock(try #require(ChinaTime.parseMinute("2026-10-08 10:30"))), identity: identity)
        try bed.addUsers()
        return bed
    }

    @Test func theFormHasTheFocusOnTheSummaryAndTheUsualDefaults() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .intake))
            let page = try await browser.get(client, "/complaints/new")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("name=\"summary\" type=\"text\" value=\"\" required maxlength=\"2000\" autofocus"))
            #expect(html.contains("value=\"2026-10-08 10:30\""), "now, from the injected clock")
            #expect(html.contains("<option value=\"监督电话\" selected>") && html.contains("<option value=\"投诉\" selected>"))
            #expect(!html.contains("<textarea"), "every field is one line: Enter submits")
        }
    }

    @Test func aClerkRecordsAComplaintWithASealedCallerAndSeesThePINOnce() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .intake))
            _ = try await browser.get(client, "/complaints/new")
            let saved = try await browser.post(client, "/complaints/new", [
                ("summary", "9月低保金未到账"), ("category", "发放时限"), ("type", "投诉"), ("channel", "监督电话"),
                ("township", "三营镇"), ("programme", "dibao"), ("received_at", "2026-10-08 10:30"),
                ("caller_name", "张某某"), ("caller_phone", "13909541234"), ("issue_pin", "是"),
            ])
            let html = String(buffer: saved.body)
            #expect(saved.status == .ok && html.contains("已登记：<a href=\"/complaints/TS-202610-0001\">TS-202610-0001</a>"), "\(html)")
            let pin = try #require(html.range(of: "<strong class=\"pin\">").map { String(html[$0.upperBound...].prefix(4)) })
            #expect(pin.count == 4 && pin.allSatisfy { $0.isNumber })
            #expect(!html.contains("张某某") && !html.contains("13909541234"))
            let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
            let looked = try desk.lookup(id: "TS-202610-0001", pin: pin)
            #expect(looked.status == .registered)
            let page = String(buffer: try await browser.get(client, "/complaints/TS-202610-0001").body)
            #expect(page.contains("9月低保金未到账") && !page.contains(pin) && !page.contains("张某某"))
        }
        let record = try #require(try bed.store.complaint(id: "TS-202610-0001"))
        #expect(record.callerName != nil && record.callerName != "张某某", "sealed")
        #expect(try bed.store.complaintEvents(id: "TS-202610-0001").first?.handler == "测试登记员")
        let audited = try bed.environment.audit.entries(AuditQuery(action: .complaintAdd))
        #expect(audited.count == 1 && audited.first?.object == "TS-202610-0001" && audited.first?.detail == "")
    }

    @Test func badInputIsRefusedWithTheFieldAndTheFormKeepsWhatWasTyped() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await browser.get(client, "/complaints/new")
            let cases: [([(String, String)], String)] = [
                ([("category", "其他")], "请填写诉求摘要"),
                ([("summary", "低保<script>"), ("category", "其他"), ("caller_phone", "12")], "来电人电话"),
                ([("summary", "低保<script>"), ("category", "其他"), ("township", "../etc")], "乡镇（街道）"),
                ([("summary", "低保<script>"), ("category", "其他"), ("received_at", "昨天")], "收到时间"),
                ([("summary", "低保<script>"), ("category", "其他"), ("household_id", "H404")], "户编号"),
                ([("summary", "低保<script>"), ("category", "其他"), ("caller_name", "张\u{200B}三")], "来电人姓名"),
            ]
            for (fields, expected) in cases {
                let answer = try await browser.post(client, "/complaints/new", fields)
                let html = String(buffer: answer.body)
                #expect(answer.status == .badRequest && html.contains(expected), "\(expected): \(html.prefix(0))")
                #expect(!html.contains("<script>") && (fields.count == 1 || html.contains("低保&lt;script&gt;")))
            }
            let bare = try await browser.post(client, "/complaints/new", [("summary", "x"), ("category", "其他")], token: .some(nil))
            #expect(bare.status == .forbidden)
        }
        #expect(try bed.store.complaints().isEmpty, "nothing stored")
        #expect(try bed.environment.audit.entries(AuditQuery(action: .complaintAdd, outcome: .failure)).count == 6)
    }

    @Test func withoutTheServersKeyACallerIsRefusedButAnAnonymousComplaintIsRecorded() async throws {
        let bed = try Self.bed(identity: nil)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .intake))
            _ = try await browser.get(client, "/complaints/new")
            let named = try await browser.post(client, "/complaints/new", [("summary", "投诉"), ("category", "其他"), ("caller_name", "张某某")])
            #expect(named.status == .badRequest && String(buffer: named.body).contains("未配置来电人身份密钥"))
            let anonymous = try await browser.post(client, "/complaints/new", [("summary", "投诉"), ("category", "其他"),
                                                                               ("anonymous", "是"), ("caller_name", "张某某")])
            #expect(anonymous.status == .ok && String(buffer: anonymous.body).contains("TS-202610-0001"))
        }
        let record = try #require(try bed.store.complaint(id: "TS-202610-0001"))
        #expect(record.anonymous && record.callerName == nil)
    }

    @Test func rolesWithoutRecordComplaintReachNeitherFormNorPost() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            for role in Role.allCases where role != .intake && role != .supervisor {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: role))
                #expect(try await browser.get(client, "/complaints/new").status == .forbidden, "\(role)")
                #expect(try await browser.post(client, "/complaints/new", [("summary", "x"), ("category", "其他")]).status == .forbidden, "\(role)")
            }
        }
        #expect(try bed.store.complaints().isEmpty)
    }
}

/// Possible duplicates are shown before saving (issue 13, item 1).
@Suite struct IntakeDuplicateTests {
    @Test func theSameCallerAndCategoryWithin30DaysIsShownBeforeSavingAndSavedOnConfirm() async throws {
        let bed = try IntakeRouteTests.bed()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock, identity: IntakeRouteTests.identity)
        var random = SystemRandomNumberGenerator()
        let first = try desk.add(ComplaintIntake(receivedAt: "2026-09-20 09:00", channel: "来访", type: "投诉", category: "发放时限",
                                                 summary: "8月未到账", callerName: "张某某", callerPhone: "13909541234"),
                                 by: .system, issuePIN: false, source: "test", random: &random).id
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .intake))
            _ = try await browser.get(client, "/complaints/new")
            // Typed with an input method's full-width digits: the same phone.
            let fields = [("summary", "9月又未到账"), ("category", "发放时限"), ("caller_phone", "１３９０９５４１２３４")]
            let other = try await browser.post(client, "/complaints/new", [("summary", "另一事"), ("category", "工作作风"), ("caller_phone", "13909541234")])
            #expect(other.status == .ok, "another category is not a duplicate")
            _ = try await browser.get(client, "/complaints/new")
            let shown = try await browser.post(client, "/complaints/new", fields)
            let html = String(buffer: shown.body)
            #expect(shown.status == .conflict && html.contains("href=\"/complaints/\(first)\"") && html.contains("name=\"confirm\" value=\"是\""))
            #expect(html.contains("value=\"9月又未到账\""), "the form keeps what was typed")
            #expect(!html.contains("张某某"), "the earlier caller is not opened")
            let saved = try await browser.post(client, "/complaints/new", fields + [("confirm", "是")])
            #expect(saved.status == .ok && String(buffer: saved.body).contains("已登记"))
        }
        #expect(try bed.store.complaints().count == 3)
        let late = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: .fixed(ChinaTime.parseMinute("2026-10-21 09:00")!),
                                 identity: IntakeRouteTests.identity)
        let outside = try late.possibleDuplicates(of: ComplaintIntake(channel: "来访", type: "投诉", category: "发放时限", summary: "x",
                                                                     callerPhone: "13909541234"))
        #expect(outside.map(\.id) == ["TS-202610-0002"], "the September complaint is more than 30 days back")
    }

    /// Issue 22, item 4: each check is audited by kind (never the phone), a 登记员 sees the earlier
    /// complaint's number only, and checks are bounded per hour.
    @Test func duplicateChecksAreAuditedBoundedAndShowTheNumberOnly() async throws {
        let bed = try IntakeRouteTests.bed()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock, identity: IntakeRouteTests.identity)
        var random = SystemRandomNumberGenerator()
        let first = try desk.add(ComplaintIntake(receivedAt: "2026-10-01 09:00", channel: "来访", type: "投诉", category: "发放时限",
                                                 township: bed.environment.schedule.townships.names[0], summary: "8月未到账",
                                                 callerName: "张某某", callerPhone: "13909541234"),
                                 by: .system, issuePIN: false, source: "test", random: &random).id
        let fields = [("summary", "又未到账"), ("category", "发放时限"), ("caller_phone", "13909541234")]
        let limit = bed.environment.policy.duplicateChecksPerHour
        try await bed.application().test(.router) { client in
            var clerk = Browser()
            _ = try await clerk.logIn(client, WebTestBed.login(for: .intake))
            _ = try await clerk.get(client, "/complaints/new")
            let shown = String(buffer: try await clerk.post(client, "/complaints/new", fields).body)
            #expect(shown.contains("href=\"/complaints/\(first)\""))
            #expect(!shown.contains("2026-10-01") && !shown.contains(bed.environment.schedule.townships.names[0] + "</td>"),
                    "a 登记员 sees the number only")
            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await supervisor.get(client, "/complaints/new")
            let full = String(buffer: try await supervisor.post(client, "/complaints/new", fields).body)
            #expect(full.contains("<td data-label=\"类别\">发放时限</td>"), "the 督办, who may reveal, sees the earlier complaint's fields")
            for _ in 1..<limit { _ = try await clerk.post(client, "/complaints/new", fields) }
            let over = try await clerk.post(client, "/complaints/new", fields)
            #expect(over.status == .tooManyRequests && String(buffer: over.body).contains("查重次数已达上限"))
            bed.time.advance(61 * 60)
            _ = try await clerk.logIn(client, WebTestBed.login(for: .intake))
            _ = try await clerk.get(client, "/complaints/new")
            #expect(try await clerk.post(client, "/complaints/new", fields).status == .conflict, "an hour later")
        }
        let checks = try bed.environment.audit.entries(AuditQuery(actor: WebTestBed.login(for: .intake), action: .duplicateCheck, limit: 1000))
        #expect(checks.count == limit + 2)
        #expect(checks.filter { $0.outcome == "refused" }.count == 1)
        #expect(checks.allSatisfy { $0.object == "phone" && !$0.detail.contains("1390954") })
    }
}
