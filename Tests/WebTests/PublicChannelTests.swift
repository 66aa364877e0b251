import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import Testing
@testable import Web

/// The public listener (issue 24) through its router: each route, each refusal, the PIN lock, the
/// rating, and that nothing of the staff application is there.
@Suite struct PublicChannelTests {
    static let identity = try! CallerIdentityCipher(secret: Data(repeating: 4, count: 32))

    /// A public application over a fresh store, with a stopwatch the test moves (form ages).
    struct Bed {
        let web: WebTestBed
        let stopwatch = ManualClock()

        init() throws { web = try WebTestBed(identity: PublicChannelTests.identity) }

        func application() throws -> some ApplicationProtocol {
            var logger = Logger(label: "public-test")
            logger.logLevel = .warning
            return Application(router: try PublicApplication.router(web.environment, stopwatch: stopwatch.clock), logger: logger)
        }

        var desk: ComplaintDesk {
            ComplaintDesk(store: web.store, schedule: web.environment.schedule, clock: web.time.clock, identity: PublicChannelTests.identity)
        }

        /// A form's token, served now; the stopwatch then moves past the minimum form age.
        func token(_ client: some TestClientProtocol, _ path: String) async throws -> String {
            let page = try await client.execute(uri: path, method: .get)
            let token = try #require(Browser.csrfToken(in: String(buffer: page.body)))
            stopwatch.advance(4)
            return token
        }

        func post(_ client: some TestClientProtocol, _ path: String, _ fields: [(String, String)],
                  headers: HTTPFields = [:]) async throws -> TestResponse {
            var all = Browser.formHeaders
            all.append(contentsOf: headers)
            return try await client.execute(uri: path, method: .post, headers: all, body: Browser.form(fields))
        }

        /// Submits a complaint through the form; returns the response.
        func submit(_ client: some TestClientProtocol, _ extra: [(String, String)] = [], anonymous: Bool = false,
                    token: String? = nil) async throws -> TestResponse {
            var sent = token ?? ""
            if token == nil { sent = try await self.token(client, "/submit") }
            var fields: [(String, String)] = [("csrf_token", sent), ("category", "发放时限"), ("township", "南关街道"),
                                              ("summary", "救助金三个月没有到账"), ("consent", "是"), ("website", "")]
            fields += anonymous ? [("anonymous", "是")] : [("caller_name", "张三丰"), ("caller_phone", "１３９０９５４１２３４")]
            return try await post(client, "/submit", fields + extra)
        }

        func enquire(_ client: some TestClientProtocol, number: String, pin: String) async throws -> TestResponse {
            try await post(client, "/progress", [("csrf_token", try await token(client, "/progress")), ("number", number), ("pin", pin)])
        }

        /// Counts of audit records of `action`.
        func audited(_ action: AuditAction) throws -> [AuditEntry] { try web.environment.audit.entries(AuditQuery(action: action)) }
    }

    static func shown(_ id: String, in html: String) -> String? {
        guard let range = html.range(of: "id=\"\(id)\"") else { return nil }
        let rest = html[range.upperBound...].drop { $0 != ">" }.dropFirst()
        return String(rest.prefix { $0 != "<" })
    }

    /// The page without its one-time token: two answers compared as a reader sees them.
    static func withoutToken(_ html: String) -> String {
        html.replacing(/name="csrf_token" value="[^"]*"/, with: "")
    }

    @Test func staffPathsAreNotThereAndNoCookieIsSet() async throws {
        let bed = try Bed()
        try bed.web.addUsers()
        try await bed.application().test(.router) { client in
            for path in ["/login", "/static/gongkai.css", "/complaints", "/complaints/new", "/dashboard", "/audit", "/healthz",
                         "/users", "/policy", "/password", "/nothing"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path) on the public listener")
                #expect(!String(buffer: response.body).contains("/static/gongkai.css"), "\(path): a staff asset linked")
            }
            for path in ["/login", "/logout", "/complaints/new"] {
                #expect(try await client.execute(uri: path, method: .post).status == .notFound, "POST \(path)")
            }
            for path in ["/", "/submit", "/progress", "/static/public.css"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.setCookie] == nil, "\(path) sets a cookie")
            }
            let submitted = try await bed.submit(client)
            #expect(submitted.headers[.setCookie] == nil)
        }
    }

    @Test func theHomePageSaysWhatTheChannelIsForAndHowToReachTheOffice() async throws {
        let bed = try Bed()
        try await bed.application().test(.router) { client in
            let html = String(buffer: try await client.execute(uri: "/", method: .get).body)
            for text in ["lang=\"zh-CN\"", "12349", "工作日 8:30—12:00", "0954-2032349", "政府街民政局信访接待室", "收到后 15日内",
                         "收到后 60日内", "href=\"/publications/\"", "href=\"/submit\"", "href=\"/progress\""] {
                #expect(html.contains(text), "the home page lacks \(text)")
            }
            #expect(!html.contains("<script"))
        }
    }

    @Test func aSubmissionEntersTheDeskAsOnlineWithASealedCallerAndShowsNumberAndPINOnce() async throws {
        let bed = try Bed()
        try await bed.application().test(.router) { client in
            let response = try await bed.submit(client)
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            let number = try #require(Self.shown("complaint-number", in: html))
            let pin = try #require(Self.shown("complaint-pin", in: html))
            #expect(number.hasPrefix("TS-") && pin.count == 4 && pin.allSatisfy(\.isNumber))
            #expect(!html.contains("张三丰") && !html.contains("13909541234") && !html.contains("１３９０９５４１２３４"))
            let detail = try bed.desk.show(id: number, revealReason: nil, by: .account("测试"))
            #expect(detail.view.channel == "网上" && detail.view.status == .registered && detail.view.type == "投诉")
            #expect(detail.events.first?.handler == "网上群众" && detail.hasPIN && detail.view.due != nil)
            let record = try #require(try bed.web.store.complaint(id: number))
            #expect(record.callerName.map(CallerIdentityCipher.isSealed) == true && record.callerPhone.map(CallerIdentityCipher.isSealed) == true)
            #expect(try Self.identity.open(record.callerPhone ?? "", .phone) == "13909541234", "full-width digits accepted")
            #expect(try bed.desk.statistics(month: ChinaTime.civilDate(of: bed.web.time.clock.now()).yearMonth).received == 1)
            // The PIN is shown once: the progress page never shows it again as text.
            let progress = String(buffer: try await bed.enquire(client, number: number, pin: pin).body)
            #expect(Self.shown("progress-status", in: progress) == "已收到，等待受理")
            #expect(!progress.contains("张三丰") && !progress.contains("救助金三个月没有到账"))
        }
        let added = try bed.audited(.complaintAdd)
        #expect(added.count == 1 && added.allSatisfy { $0.source.hasPrefix("网上:") && $0.actor.isEmpty })
    }

    @Test func theCallersRulesAreTheIntakesAndNothingPersonalIsEchoed() async throws {
        let bed = try Bed()
        try await bed.application().test(.router) { client in
            let token = try await bed.token(client, "/submit")
            let refused = try await bed.post(client, "/submit", [
                ("csrf_token", token), ("category", "发放时限"), ("township", "南关街道"), ("summary", "没有到账"),
                ("caller_name", "张\u{200B}三"), ("caller_phone", "13909541234"), ("consent", "是"),
            ])
            #expect(refused.status == .badRequest)
            let html = String(buffer: refused.body)
            #expect(html.contains("姓名中间不能有空格或看不见的字符"))
            #expect(!html.contains("13909541234") && html.contains("没有到账"), "the summary is kept, the phone is not echoed")
            let badPhone = try await bed.post(client, "/submit", [
                ("csrf_token", try await bed.token(client, "/submit")), ("category", "发放时限"), ("township", "南关街道"),
                ("summary", "没有到账"), ("caller_name", "张三"), ("caller_phone", "12345"), ("consent", "是"),
            ])
            #expect(badPhone.status == .badRequest && String(buffer: badPhone.body).contains("请填写正确的手机号码"))
            let tooLong = try await bed.post(client, "/submit", [
                ("csrf_token", try await bed.token(client, "/submit")), ("category", "发放时限"), ("township", "南关街道"),
                ("summary", String(repeating: "字", count: 501)), ("anonymous", "是"), ("consent", "是"),
            ])
            #expect(tooLong.status == .badRequest && String(buffer: tooLong.body).contains("最多 500 字"))
            let noConsent = try await bed.post(client, "/submit", [
                ("csrf_token", try await bed.token(client, "/submit")), ("category", "发放时限"), ("township", "南关街道"),
                ("summary", "没有到账"), ("anonymous", "是"),
            ])
            #expect(noConsent.status == .badRequest && String(buffer: noConsent.body).contains("个人信息告知"))
        }
    }

    @Test func everyRefusalIsRefusedAndAuditedWithoutThePINOrTheText() async throws {
        let bed = try Bed()
        try await bed.application().test(.router) { client in
            // The honeypot.
            let honeypot = try await bed.post(client, "/submit", [
                ("website", "http://spam.example"), ("csrf_token", try await bed.token(client, "/submit")), ("category", "发放时限"),
                ("township", "南关街道"), ("summary", "广告"), ("anonymous", "是"), ("consent", "是"),
            ])
            #expect(honeypot.status == .badRequest)
            // A form posted too fast: served and posted at once.
            let page = try await client.execute(uri: "/submit", method: .get)
            let fast = try await bed.submit(client, anonymous: true, token: Browser.csrfToken(in: String(buffer: page.body)))
            #expect(fast.status == .badRequest && String(buffer: fast.body).contains("提交过快"))
            // A reused token, a missing one, a forged one.
            let token = try await bed.token(client, "/submit")
            #expect(try await bed.submit(client, anonymous: true, token: token).status == .ok)
            #expect(try await bed.submit(client, anonymous: true, token: token).status == .forbidden)
            #expect(try await bed.submit(client, anonymous: true, token: "").status == .forbidden)
            bed.web.time.advance(3601)  // past the hour's five submissions from this address
            #expect(try await bed.submit(client, anonymous: true, token: "p1.1.abc.def").status == .forbidden)
            // Another site's Origin, before the body is read.
            let foreign = try await bed.post(client, "/submit", [("csrf_token", try await bed.token(client, "/submit"))],
                                             headers: [.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden)
            // A body over 16 KB, refused on its declared length.
            let big = try await client.execute(uri: "/submit", method: .post, headers: Browser.formHeaders,
                                               body: ByteBuffer(string: "summary=" + String(repeating: "a", count: 17 * 1024)))
            #expect(big.status == .contentTooLarge)
        }
        let refusals = try bed.audited(.publicRefused)
        let kinds = refusals.map(\.detail)
        for kind in ["honeypot field filled", "form posted too fast", "reused token", "missing token", "forged token",
                     "another site's Origin or Referer"] {
            #expect(kinds.contains(kind), "no audit record of \(kind): \(kinds)")
        }
        #expect(kinds.contains { $0.hasPrefix("body of ") })
        #expect(refusals.allSatisfy { $0.source.hasPrefix("网上:") && $0.object.hasPrefix("POST /") })
        #expect(refusals.allSatisfy { !$0.detail.contains("广告") && !$0.detail.contains("spam") })
    }

    @Test func theSixthSubmissionFromOneAddressGets429WithRetryAfter() async throws {
        let bed = try Bed()
        try await bed.application().test(.router) { client in
            for _ in 0..<5 { #expect(try await bed.submit(client, anonymous: true).status == .ok) }
            let sixth = try await bed.submit(client, anonymous: true)
            #expect(sixth.status == .tooManyRequests)
            #expect(Int(sixth.headers[.retryAfter] ?? "").map { $0 > 0 && $0 <= 3600 } == true)
            bed.web.time.advance(3601)
            #expect(try await bed.submit(client, anonymous: true).status == .ok, "an hour later the address may submit again")
        }
        #expect(try bed.audited(.publicThrottled).count == 1)
    }

    @Test func fiveWrongPINsLockTheNumberAndAnUnknownNumberGetsTheSameAnswer() async throws {
        let bed = try Bed()
        try await bed.application().test(.router) { client in
            let html = String(buffer: try await bed.submit(client, anonymous: true).body)
            let number = try #require(Self.shown("complaint-number", in: html))
            let pin = try #require(Self.shown("complaint-pin", in: html))
            let wrongPIN = pin == "0000" ? "1111" : "0000"
            let wrong = try await bed.enquire(client, number: number, pin: wrongPIN)
            let unknown = try await bed.enquire(client, number: "TS-209901-9999", pin: wrongPIN)
            #expect(wrong.status == unknown.status)
            #expect(Self.withoutToken(String(buffer: wrong.body)) == Self.withoutToken(String(buffer: unknown.body)))
            #expect(String(buffer: wrong.body).contains(PublicProgressRoutes.sameAnswer))
            for _ in 0..<4 { _ = try await bed.enquire(client, number: number, pin: wrongPIN) }
            let locked = try await bed.enquire(client, number: number, pin: pin)
            #expect(locked.status == .tooManyRequests, "the right PIN is not even checked while locked")
            #expect(Int(locked.headers[.retryAfter] ?? "").map { $0 > 1700 && $0 <= 1800 } == true)
            // An unknown number locks the same way: a lock tells nothing either.
            for _ in 0..<4 { _ = try await bed.enquire(client, number: "TS-209901-9999", pin: wrongPIN) }
            #expect(try await bed.enquire(client, number: "TS-209901-9999", pin: wrongPIN).status == .tooManyRequests)
            bed.web.time.advance(1801)
            #expect(try await bed.enquire(client, number: number, pin: pin).status == .ok, "30 minutes later the lock is over")
        }
        #expect(try bed.audited(.publicPINLock).count == 2)
        let records = try bed.web.environment.audit.entries(AuditQuery())
        #expect(records.allSatisfy { !$0.detail.contains("pin=") && $0.source != "unknown" })
    }

    @Test func theCallerRatesOnceAfterTheComplaintIsClosed() async throws {
        let bed = try Bed()
        try bed.web.addUsers()
        try await bed.application().test(.router) { client in
            let html = String(buffer: try await bed.submit(client, anonymous: true).body)
            let number = try #require(Self.shown("complaint-number", in: html))
            let pin = try #require(Self.shown("complaint-pin", in: html))
            func rate(_ rating: String) async throws -> TestResponse {
                try await bed.post(client, "/rate", [("csrf_token", try await bed.token(client, "/progress")), ("number", number),
                                                     ("pin", pin), ("rating", rating), ("comment", "办得快")])
            }
            #expect(try await rate("满意").status == .badRequest, "not before 办结")
            let desk = bed.desk, staff = DeskActor.account("测试督办")
            try desk.perform(.accept, on: number, by: staff)
            try desk.perform(.transfer, on: number, by: staff, details: .init(unit: "社会救助股"))
            try desk.perform(.assign, on: number, by: staff, details: .init(assignee: "测试承办人"))
            try desk.perform(.reply, on: number, by: .account("测试承办人"), details: .init(note: "已补发三个月救助金。"))
            let open = String(buffer: try await bed.enquire(client, number: number, pin: pin).body)
            #expect(Self.shown("progress-status", in: open) == "已答复，等待回访" && !open.contains("已补发"), "the reply once 办结")
            try desk.perform(.close, on: number, by: staff)
            let closed = String(buffer: try await bed.enquire(client, number: number, pin: pin).body)
            #expect(Self.shown("progress-reply", in: closed) == "已补发三个月救助金。")
            #expect(closed.contains("action=\"/rate\"") && !closed.contains("测试承办人") && !closed.contains("测试督办"))
            #expect(try await rate("很好").status == .badRequest)
            let rated = try await rate("满意")
            #expect(rated.status == .ok && Self.shown("progress-rated", in: String(buffer: rated.body)).map { $0.contains("满意") } == true)
            #expect(try await rate("不满意").status == .badRequest, "once")
            let detail = try desk.show(id: number, revealReason: nil, by: staff)
            #expect(detail.view.callerRating == "满意" && detail.view.satisfaction == "未评价" && detail.view.evaluation == "满意")
            #expect(detail.events.last?.action == ComplaintDesk.callerRatingEvent && detail.events.last?.note == "来电人评价 满意: 办得快")
            let statistics = try desk.statistics(month: ChinaTime.civilDate(of: bed.web.time.clock.now()).yearMonth)
            #expect(statistics.rated.numerator == 1 && statistics.satisfied.numerator == 1)
        }
        // The desk sees it on the complaint's page.
        let number = try #require(try bed.web.store.complaints().first?.complaintId)
        try await bed.web.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let page = String(buffer: try await browser.get(client, "/complaints/\(number)").body)
            #expect(page.contains("满意（网上自评）") && page.contains("来电人评价"))
        }
        #expect(try bed.audited(.publicRating).count == 1)
    }

    @Test func aReplyHoldingPersonalDataIsNotShown() async throws {
        let bed = try Bed()
        try await bed.application().test(.router) { client in
            let html = String(buffer: try await bed.submit(client, anonymous: true).body)
            let number = try #require(Self.shown("complaint-number", in: html))
            let pin = try #require(Self.shown("complaint-pin", in: html))
            let desk = bed.desk, staff = DeskActor.account("测试督办")
            try desk.perform(.accept, on: number, by: staff)
            try desk.perform(.reply, on: number, by: staff, details: .init(note: "请联系经办人，电话 13909541234。"))
            try desk.perform(.close, on: number, by: staff)
            let closed = String(buffer: try await bed.enquire(client, number: number, pin: pin).body)
            #expect(!closed.contains("13909541234") && closed.contains("答复中含有个人信息"))
        }
    }
}
