import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// Issue 23, item 6 (one language): every page a desk user reads is Chinese. Every GET page of the
/// route table (docs/roles.md) is rendered for every role that may open it — each complaint page
/// for a complaint in every state —, with its queues, months, error pages and every flash, on one
/// seeded store; the text a person reads (tags, scripts, styles and comments stripped; the
/// attributes read aloud or shown — placeholder, title, aria-label, alt — kept) must hold no Latin
/// word but codes, numbers and file names (`allowed`). The CSV downloads' header rows too.
@Suite struct ChineseOnlyPageTests {
    /// The store of `ComplaintListRouteTests.bed` (A red, B yellow, C 转办, D 办结, E 答复, G 办理中)
    /// and one complaint more in each remaining state: 登记, 回访, 重办, 复查, 退回, 合并, paused,
    /// an extension asked for, 督办; a caller revealed (its event in the history).
    static func bed(store: StoreDatabase? = nil) throws -> (WebTestBed, [String: String]) {
        var (bed, ids) = try ComplaintListRouteTests.bed(store: store)
        let identity = try CallerIdentityCipher(secret: Data(repeating: 9, count: 32))
        func desk(_ at: String) throws -> ComplaintDesk {
            ComplaintDesk(store: bed.store, schedule: bed.environment.schedule,
                          clock: .fixed(try #require(ChinaTime.parseMinute(at))), identity: identity)
        }
        var random = SystemRandomNumberGenerator()
        let names = ["H": "甲", "K": "乙", "R": "丙", "V": "丁", "X": "戊", "M": "己", "P": "庚", "Q": "辛", "S": "壬"]
        func add(_ name: String, anonymous: Bool = false) throws -> String {
            let id = try desk("2026-10-20 10:00").add(
                ComplaintIntake(receivedAt: "2026-10-20 10:00", channel: "来访", type: "投诉", category: "应保未保", programme: "特困",
                                township: "南关街道", summary: "摘要" + (names[name] ?? ""), callerName: anonymous ? nil : "王某",
                                callerPhone: anonymous ? nil : "13912345678", anonymous: anonymous),
                by: .system, issuePIN: name == "H", source: "test", random: &random).id
            ids[name] = id
            return id
        }
        let d = try desk("2026-10-21 09:00")
        let by = DeskActor.system
        _ = try add("H")  // 登记
        for name in ["K", "R", "V", "X", "M", "P", "Q", "S"] {
            let id = try add(name)
            if name != "X" { try d.perform(.accept, on: id, by: by) }
        }
        try d.perform(.reply, on: ids["K"]!, by: by, details: .init(note: "已答复"))
        try d.perform(.callback, on: ids["K"]!, by: by, details: .init(rating: "满意"))          // 回访
        try d.perform(.reply, on: ids["R"]!, by: by, details: .init(note: "已答复"))
        try d.perform(.callback, on: ids["R"]!, by: by, details: .init(rating: "不满意"))        // 重办
        try d.perform(.reply, on: ids["V"]!, by: by, details: .init(note: "已答复"))
        try d.perform(.callback, on: ids["V"]!, by: by, details: .init(rating: "基本满意"))
        try d.perform(.close, on: ids["V"]!, by: by)
        try d.perform(.reopen, on: ids["V"]!, by: by)                                              // 复查
        try d.perform(.return, on: ids["X"]!, by: by, details: .init(reason: "非本部门职责"))     // 退回
        try d.perform(.merge, on: ids["M"]!, by: by, details: .init(into: ids["K"]!))              // 合并
        try d.perform(.pause, on: ids["P"]!, by: by, details: .init(reason: "等待材料"))          // paused
        try d.perform(.assign, on: ids["Q"]!, by: by, details: .init(assignee: "测试承办人"))
        try d.perform(.extendRequest, on: ids["Q"]!, by: .system, details: .init(days: 10, reason: "需入户核查"))
        try d.perform(.supervise, on: ids["S"]!, by: by, details: .init(reason: "群众反映强烈"))  // 督办
        _ = try d.show(id: ids["S"]!, revealReason: "回访核实", by: by)
        return (bed, ids)
    }

    /// Codes, numbers and file names, which may stay as they are: complaint numbers, file names and
    /// paths, the date and time formats forms ask for, programme codes, the names of file formats and
    /// of units (PDF, MB…, and UTC in the audit log's time column), and the accounts' logins (codes
    /// their owners chose: `WebTestBed.login`).
    static func allowed(_ word: String) -> Bool {
        if word.wholeMatch(of: #/TS-\d{6}-\d{4}/#.ignoresCase()) != nil { return true }
        if word.wholeMatch(of: #/[\w./-]+\.(csv|pdf|html|toml|xlsx|json|png|jpg|jpeg|css)/#.ignoresCase()) != nil { return true }
        if word.wholeMatch(of: #/templates(\/[\w.-]+)*/#) != nil { return true }
        if ["TS-YYYYMM-NNNN", "YYYY-MM", "YYYY-MM-DD", "HH:MM", "PDF", "JPEG", "JPG", "PNG", "CSV", "KB", "MB", "UTC"].contains(word) { return true }
        if Programme.allCases.contains(where: { $0.code == word }) { return true }
        return Role.allCases.contains { WebTestBed.login(for: $0) == word }
    }

    /// The text a person reads on an HTML page: tags, scripts, styles and comments removed, the
    /// attributes read or shown (placeholder, title, aria-label, alt) kept, entities decoded.
    static func readableText(_ html: String) -> String {
        var text = html
        // The audit log's records (source, action, object, detail: `class="record"`) are shown as
        // the modules recorded them, evidence that is never rewritten; the page's own words are checked.
        for pattern in [#/(?s)<script.*?</script>/#, #/(?s)<style.*?</style>/#, #/(?s)<!--.*?-->/#, #/(?s)<td[^>]* class="record"[^>]*>.*?</td>/#] {
            text = text.replacing(pattern, with: " ")
        }
        var shown: [String] = []
        for match in text.matches(of: #/(?:placeholder|title|aria-label|alt)="([^"]*)"/#) { shown.append(String(match.output.1)) }
        text = text.replacing(#/<[^>]*>/#, with: " ")
        text += " " + shown.joined(separator: " ")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// The Latin words of `text` that are not allowed, each once.
    static func englishWords(_ text: String) -> [String] {
        var found: [String] = []
        for match in text.matches(of: #/[A-Za-z0-9][A-Za-z0-9_.\-\/:]*/#) {
            let word = String(match.output).trimmingCharacters(in: CharacterSet(charactersIn: ".-/:"))
            guard word.contains(where: { $0.isASCII && $0.isLetter }), !allowed(word), !found.contains(word) else { continue }
            found.append(word)
        }
        return found
    }

    /// The concrete paths of a GET route for the walk: each complaint for a complaint's pages, each
    /// queue and some filters for the queue, months for the month pages, wrong parameters for
    /// their error pages.
    static func paths(_ route: WebRoute, ids: [String: String]) -> [String] {
        let numbers = ids.values.sorted()
        switch route.path {
        case "/complaints/{number}": return numbers.map { "/complaints/\($0)" } + numbers.map { "/complaints/\($0)?template=1" }
            + ComplaintAction.allCases.map { "/complaints/\(numbers[0])?done=\($0.rawValue)" } + ["/complaints/\(numbers[0])?attached=1",
               "/complaints/TS-209912-0001"]
        case "/complaints/{number}/print", "/complaints/{number}/reveal": return numbers.map { route.path.replacingOccurrences(of: "{number}", with: $0) }
        case "/complaints": return ["/complaints"] + ComplaintQueue.allCases.map { "/complaints?queue=\($0.rawValue)" }
            + ["/complaints?q=%E6%91%98%E8%A6%81", "/complaints?sort=due&page=1", "/complaints?queue=all", "/complaints?from=x",
               "/complaints?sort=x", "/complaints?page=0", "/complaints?programme=%E7%94%B2"]
        case "/complaints/new": return ["/complaints/new", "/complaints/new?lookup=1&household_query=x&township=%E4%B8%89%E8%90%A5%E9%95%87"]
        case "/dashboard": return ["/dashboard", "/dashboard?month=2026-11", "/dashboard?month=x"]
        case "/complaints/statistics": return ["/complaints/statistics", "/complaints/statistics?month=2026-11", "/complaints/statistics?month=x",
                                               "/complaints/statistics?format=xlsx"]
        case "/": return ["/", "/?password=changed"]
        case "/policy": return ["/policy", "/policy?done=unlock", "/policy?done=lock"]
        case "/audit": return ["/audit", "/audit?outcome=x"]
        default: return [route.example]
        }
    }

    /// Not desk pages: the published files (the publication's own checks cover them) and
    /// downloads (their CSV headers are checked below; PDFs are print-outs of the same fields).
    static let skipped: Set<String> = ["/publications", "/publications/**", "/complaints/{number}/attachments/{sha256}",
                                       "/complaints/{number}/jiaobandan.pdf", "/audit.csv", "/healthz", "/static/gongkai.css"]

    @Test func everyDeskPageAndFlashIsInChinese() async throws {
        let (bed, ids) = try Self.bed()
        let routes = WebApplication.routes(bed.environment).filter { $0.method == .get && !Self.skipped.contains($0.path) }
        try await bed.application().test(.router) { client in
            var problems: [String] = []
            var pages = 0
            for role in Role.allCases {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: role))
                for route in routes {
                    let allowed = route.access.allows(roles: [role])
                    for path in allowed ? Self.paths(route, ids: ids) : [route.example] {
                        let page = try await browser.get(client, path)
                        pages += 1
                        let words = Self.englishWords(Self.readableText(String(buffer: page.body)))
                        if !words.isEmpty { problems.append("\(role.rawValue) \(path) (\(page.status.code)): \(words.joined(separator: " "))") }
                    }
                }
            }
            var anonymous = Browser()
            for path in ["/login", "/", "/complaints"] {
                let words = Self.englishWords(Self.readableText(String(buffer: try await anonymous.get(client, path).body)))
                if !words.isEmpty { problems.append("anonymous \(path): \(words.joined(separator: " "))") }
            }
            // The flashes of forms: a recorded complaint, and a login refused.
            var clerk = Browser()
            _ = try await clerk.logIn(client, WebTestBed.login(for: .intake))
            _ = try await clerk.get(client, "/complaints/new")
            let recorded = try await clerk.post(client, "/complaints/new", [
                ("received_at", "2026-12-08 09:00"), ("channel", "监督电话"), ("type", "投诉"), ("category", "其他"),
                ("township", "三营镇"), ("summary", "登记测试"), ("anonymous", "1"), ("issue_pin", "1")])
            let words = Self.englishWords(Self.readableText(String(buffer: recorded.body)))
            if !words.isEmpty { problems.append("登记员 POST /complaints/new (\(recorded.status.code)): \(words.joined(separator: " "))") }
            var stranger = Browser()
            let refused = try await stranger.logIn(client, "nobody", "wrong-password")
            let loginWords = Self.englishWords(Self.readableText(String(buffer: refused.body)))
            if !loginWords.isEmpty { problems.append("POST /login refused: \(loginWords.joined(separator: " "))") }
            #expect(pages > 300, "the walk renders every page: \(pages)")
            #expect(problems.isEmpty, "Latin words on desk pages:\n\(problems.joined(separator: "\n"))")
        }
    }

    /// A 承办人 signing for a complaint reads 已签收, not the 督办's 已交办.
    @Test func signingForFlashesSigned() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        let c = try #require(ids["C"])
        try await bed.application().test(.router) { client in
            var handler = Browser()
            _ = try await handler.logIn(client, WebTestBed.login(for: .handler))
            _ = try await handler.get(client, "/complaints/\(c)")
            let signed = try await handler.post(client, "/complaints/\(c)/assign")
            #expect(signed.status == .seeOther)
            let page = String(buffer: try await handler.get(client, signed.headers[.location] ?? "").body)
            #expect(page.contains("<p class=\"notice\" role=\"status\">已签收。</p>"))
            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            let dispatched = String(buffer: try await supervisor.get(client, "/complaints/\(c)?done=assign").body)
            #expect(dispatched.contains("<p class=\"notice\" role=\"status\">已交办。</p>"))
        }
    }

    /// The header rows of the desk's CSV downloads are Chinese too.
    @Test func theCSVHeadersAreChinese() async throws {
        let (bed, _) = try Self.bed()
        try await bed.application().test(.router) { client in
            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            var auditor = Browser()
            _ = try await auditor.logIn(client, WebTestBed.login(for: .auditAdministrator))
            for (path, who) in [("/complaints?format=csv", "督办"), ("/complaints/statistics?format=csv", "督办"), ("/audit.csv", "审计管理员")] {
                let response = who == "督办" ? try await supervisor.get(client, path) : try await auditor.get(client, path)
                #expect(response.status == .ok, "\(path)")
                let text = String(decoding: Array(response.body.readableBytesView).dropFirst(3), as: UTF8.self)
                let header = String(text.prefix { $0 != "\n" && $0 != "\r" })
                #expect(Self.englishWords(header).isEmpty, "\(path): \(header)")
            }
        }
    }

    /// The check itself: it finds an English word and lets codes, numbers and file names pass.
    @Test func theCheckFindsEnglishAndPassesCodes() {
        #expect(Self.englishWords(Self.readableText("<p>受理告知 acknowledge 2026-12-22</p>")) == ["acknowledge"])
        #expect(Self.englishWords(Self.readableText("<input placeholder=\"search\">")) == ["search"])
        #expect(Self.englishWords(Self.readableText("<p title=\"x\">TS-202612-0001 complaints.csv 2026-12 98.5%</p><script>var a</script>")) == ["x"])
    }
}
