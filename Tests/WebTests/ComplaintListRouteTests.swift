import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
@testable import Store
import Testing
@testable import Web

/// The queues, filters and CSV export of `/complaints` (issue 13, items 2 and 5 in part).
@Suite struct ComplaintListRouteTests {
    static let caller = "欧阳春燕", phone = "13812345678"

    /// On Tuesday 2026-12-08: A (三营镇, received 10-08, due 12-07) is red, B (三营镇, 10-09, due
    /// 12-08) yellow; in 南关街道 (the 承办人's unit) C is 转办, D 办结, E 答复, G 办理中 by the 承办人.
    static func bed(store: StoreDatabase? = nil) throws -> (WebTestBed, [String: String]) {
        let identity = try CallerIdentityCipher(secret: Data(repeating: 9, count: 32))
        let time = ManualClock(try #require(ChinaTime.parseMinute("2026-12-08 09:00")))
        let bed = try WebTestBed(store: store, time: time, identity: identity)
        try bed.addUsers()
        func desk(_ at: String) -> ComplaintDesk {
            ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: .fixed(ChinaTime.parseMinute(at)!), identity: identity)
        }
        var random = SystemRandomNumberGenerator()
        func add(_ at: String, _ township: String, category: String = "发放时限", anonymous: Bool = false) throws -> String {
            try desk(at).add(ComplaintIntake(receivedAt: at, channel: "监督电话", type: "投诉", category: category, programme: "低保",
                                             township: township, summary: "摘要 \(at)",
                                             callerName: anonymous ? nil : caller, callerPhone: anonymous ? nil : phone, anonymous: anonymous),
                             by: .system, issuePIN: false, source: "test", random: &random).id
        }
        var ids: [String: String] = [:]
        ids["A"] = try add("2026-10-08 10:00", "三营镇", category: "错保")
        ids["B"] = try add("2026-10-09 10:00", "三营镇")
        for name in ["C", "D", "E", "G"] { ids[name] = try add("2026-11-20 10:00", "南关街道", anonymous: name == "D") }
        let d = desk("2026-11-23 09:00")
        for name in ["C", "D", "E", "G"] { try d.perform(.accept, on: ids[name]!, by: .system) }
        try d.perform(.transfer, on: ids["C"]!, by: .system, details: .init(unit: "南关街道民政办"))
        try d.perform(.reply, on: ids["D"]!, by: .system, details: .init(note: "答复"))
        try d.perform(.close, on: ids["D"]!, by: .system)
        try d.perform(.reply, on: ids["E"]!, by: .system, details: .init(note: "答复"))
        try d.perform(.assign, on: ids["G"]!, by: .system, details: .init(assignee: "测试承办人"))
        return (bed, ids)
    }

    static func numbers(_ html: String, _ ids: [String: String]) -> Set<String> {
        Set(ids.filter { html.contains("href=\"/complaints/\($0.value)\"") }.keys)
    }

    @Test func eachQueueHoldsItsComplaintsWithTheirLights() async throws {
        let (bed, ids) = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let expected: [(String, Set<String>)] = [
                ("", ["A", "B", "C", "D", "E", "G"]), ("?queue=overdue", ["A"]), ("?queue=due", ["B"]), ("?queue=unsigned", ["C"]),
                ("?queue=callback", ["E"]), ("?queue=closed", ["D"]), ("?queue=mine", []),
                ("?category=错保", ["A"]), ("?township=南关街道&from=2026-11-01&to=2026-11-30", ["C", "D", "E", "G"]),
                ("?to=2026-10-08", ["A"]),
            ]
            for (query, names) in expected {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query
                let page = try await browser.get(client, "/complaints" + encoded)
                #expect(page.status == .ok, "\(query)")
                #expect(Self.numbers(String(buffer: page.body), ids) == names, "\(query)")
            }
            // A closed complaint has no light: its cell is empty (a phone's card then hides it), no empty badge.
            let closed = String(buffer: try await browser.get(client, "/complaints?queue=closed").body)
            #expect(closed.contains("<td class=\"c-light\" data-label=\"灯\"></td>") && !closed.contains("class=\"light \""))
            let all = String(buffer: try await browser.get(client, "/complaints?sort=due").body)
            #expect(all.contains("红灯（超期）") && all.contains("黄灯（即将到期）") && all.contains("共 6 件"))
            let a = try #require(all.range(of: ids["A"]!)), b = try #require(all.range(of: ids["B"]!))
            #expect(a.lowerBound < b.lowerBound, "earliest deadline first")
            #expect(!all.contains(Self.caller) && !all.contains(Self.phone))
            for bad in ["?queue=all", "?from=2026-13-01", "?township=%E5%B7%B4%E9%BB%8E", "?sort=x", "?page=0"] {
                #expect(try await browser.get(client, "/complaints" + bad).status == .badRequest, "\(bad)")
            }
        }
    }

    /// Issue 23 (find anything at once): a complaint number typed into the search box, with or without
    /// its TS- prefix, in full-width digits or lower case, opens that complaint; the queue shows each
    /// complaint's 诉求摘要. A 承办人 searching another township's number finds nothing, as for a
    /// number that does not exist.
    @Test func aNumberTypedInTheSearchBoxOpensThatComplaint() async throws {
        let (bed, ids) = try Self.bed()
        let a = try #require(ids["A"]), c = try #require(ids["C"])
        let bare = String(a.dropFirst(3)), fullWidth = String(bare.map { $0.isNumber ? Character(Unicode.Scalar(0xFF10 + UInt32($0.wholeNumberValue!))!) : $0 })
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            for typed in [a, a.lowercased(), bare, " \(fullWidth) "] {
                let q = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let found = try await browser.get(client, "/complaints?q=\(q)")
                #expect(found.status == .seeOther && found.headers[.location] == "/complaints/\(a)", "\(typed)")
            }
            let missing = try await browser.get(client, "/complaints?q=TS-209912-0001")
            #expect(missing.status == .ok && String(buffer: missing.body).contains("共 0 件"))
            let queue = String(buffer: try await browser.get(client, "/complaints").body)
            #expect(queue.contains("<th scope=\"col\">诉求摘要</th>") && queue.contains("<td class=\"c-summary\" data-label=\"诉求摘要\">摘要 2026-10-08 10:00</td>"))
        }
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .handler))
            let own = try await browser.get(client, "/complaints?q=\(c)")
            #expect(own.status == .seeOther && own.headers[.location] == "/complaints/\(c)")
            let other = try await browser.get(client, "/complaints?q=\(a)")
            #expect(other.status == .ok && String(buffer: other.body).contains("共 0 件"))
        }
    }

    @Test func aHandlerSeesOnlyTheirTownshipAndTheirOwnQueue() async throws {
        let (bed, ids) = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .handler))
            let all = String(buffer: try await browser.get(client, "/complaints").body)
            #expect(Self.numbers(all, ids) == ["C", "D", "E", "G"])
            #expect(Self.numbers(String(buffer: try await browser.get(client, "/complaints?queue=mine").body), ids) == ["G"])
            let other = try await browser.get(client, "/complaints?township=" + "三营镇".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(other.status == .badRequest && Self.numbers(String(buffer: other.body), ids).isEmpty)
            let csv = try await browser.get(client, "/complaints?format=csv")
            #expect(csv.status == .forbidden, "exports are the 督办's")
        }
    }

    @Test func theCSVExportHasABOMNeutralisedCellsNoCallerAndIsAudited() async throws {
        let (bed, ids) = try Self.bed()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
        try desk.perform(.accept, on: ids["A"]!, by: .system)
        // A hostile value in a row (an edited database, an imported log) is neutralised in the export.
        try bed.store.write { db in
            try db.execute(sql: "UPDATE complaint SET status = '办理中', assigned_handler = ? WHERE complaint_id = ?",
                           arguments: ["=HYPERLINK(\"http://x\")", ids["A"]!])
        }
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let page = String(buffer: try await browser.get(client, "/complaints?queue=overdue").body)
            #expect(page.contains("href=\"/complaints?queue=overdue&amp;format=csv\""))
            let csv = try await browser.get(client, "/complaints?queue=overdue&format=csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.split(separator: "\n")
            #expect(lines.first == "编号,收到时间,状态,类型,类别,渠道,项目代码,乡镇（街道）,办结期限,灯,办理单位,承办人,督办")
            #expect(lines.count == 2 && text.contains(ids["A"]!) && text.contains(",红灯（超期）,") && text.hasSuffix(",否\n"))
            #expect(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "a formula cell is written as text: \(text)")
            #expect(!text.contains(Self.caller) && !text.contains(Self.phone) && !text.contains("摘要"))
            for role in [Role.leader, .intake] {
                var reader = Browser()
                _ = try await reader.logIn(client, WebTestBed.login(for: role))
                #expect(try await reader.get(client, "/complaints?format=csv").status == .forbidden, "\(role)")
            }
        }
        let exports = try bed.environment.audit.entries(AuditQuery(action: .export))
        #expect(exports.count == 1 && exports.first?.object == "/complaints?queue=overdue&format=csv" && exports.first?.outcome == "success")
    }
}
