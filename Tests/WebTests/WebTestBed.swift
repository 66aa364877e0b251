import Accounts
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import Testing
@testable import Web

/// One web application over a fresh store, with a user for every role, for router (and live) tests.
struct WebTestBed {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var templates: String { packageRoot.appendingPathComponent("templates").path }
    /// Every test user's password (after the first-login change).
    static let password = "Gongkai-2026-ok"
    static let initialPassword = "Initial-2026-pw"

    let environment: WebEnvironment
    let time: ManualClock
    let store: StoreDatabase

    /// `store`: a database to reuse (the restart test); else a new in-memory one. `templates`: a
    /// copy of the templates folder a test edits; else the project's.
    init(store: StoreDatabase? = nil, time: ManualClock = ManualClock(), output: String? = nil, trustedProxies: [String] = [],
         identity: CallerIdentityCipher? = nil, attachments: String? = nil, templates: String = WebTestBed.templates) throws {
        let store = try store ?? StoreDatabase()
        self.store = store
        self.time = time
        let townships = try Townships.load(templates: templates)
        let accounts = AccountStore(store: store, policy: SecurityPolicy.forTestsOnly(bcryptCost: 4), townships: townships, clock: time.clock)
        environment = try WebEnvironment(
            configuration: WebConfiguration(templatesDirectory: templates, outputDirectory: output ?? "/nonexistent-output",
                                            trustedProxies: trustedProxies, attachmentsDirectory: attachments),
            store: store, accounts: accounts, clock: time.clock, identity: identity)
    }

    /// The login of the test user who holds only `role`.
    static func login(for role: Role) -> String { "user-\(Role.allCases.firstIndex(of: role) ?? 0)" }

    /// Adds one user per role with `password`, already past the first-login change (unless
    /// `mustChange`).
    func addUsers(mustChange: Bool = false) throws {
        let admin = AuditActor(login: "cli:test", source: "cli")
        let unit = environment.accounts.townships.all.first?.name
        for role in Role.allCases {
            let login = Self.login(for: role)
            try environment.accounts.addUser(login: login, displayName: "测试\(role.rawValue)", roles: [role],
                                             unit: role == .handler ? unit : nil, initialPassword: Self.initialPassword, by: admin)
            if !mustChange {
                try environment.accounts.changeOwnPassword(login: login, currentPassword: Self.initialPassword,
                                                           newPassword: Self.password, source: "test")
            }
        }
    }

    func application() -> some ApplicationProtocol {
        var logger = Logger(label: "web-test")
        logger.logLevel = .warning
        return Application(router: WebApplication.router(environment), logger: logger)
    }
}

/// A browser, as far as the tests need one: a cookie jar and the last page's CSRF token.
struct Browser {
    var cookies: [String: String] = [:]
    var csrfToken: String?

    var cookieHeader: String { cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    /// Takes the response's cookies (an expired one is removed) and the page's CSRF token.
    mutating func take(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let first = header.split(separator: ";").first ?? ""
            let parts = first.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            if header.contains("Max-Age=0") || Self.expiresInPast(header) {
                cookies[name] = nil
            } else {
                cookies[name] = String(parts[1])
            }
        }
        if let token = Self.csrfToken(in: String(buffer: response.body)) { csrfToken = token }
    }

    /// Hummingbird expires a deleted session's cookie "now": an Expires no later than the Date of
    /// the response; a live cookie's Expires is hours ahead.
    static func expiresInPast(_ header: String) -> Bool {
        guard let range = header.range(of: "Expires=") else { return false }
        let text = header[range.upperBound...].prefix { $0 != ";" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: String(text)) else { return false }
        return date.timeIntervalSinceNow < 5
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf_token\" value=\"") else { return nil }
        let token = html[range.upperBound...].prefix { $0 != "\"" }
        return token.isEmpty ? nil : String(token)
    }

    var headers: HTTPFields {
        var fields: HTTPFields = [:]
        if !cookies.isEmpty { fields[.cookie] = cookieHeader }
        return fields
    }

    /// An url-encoded form body.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&"))
    }

    static var formHeaders: HTTPFields { [.contentType: "application/x-www-form-urlencoded"] }

    mutating func get(_ client: some TestClientProtocol, _ uri: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields.append(contentsOf: extra)
        let response = try await client.execute(uri: uri, method: .get, headers: fields)
        take(response)
        return response
    }

    /// Posts `fields` plus this browser's CSRF token (unless `token` says otherwise).
    mutating func post(_ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)] = [],
                       token: String?? = .none, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var fields = fields
        let sent: String? = switch token { case .none: csrfToken; case .some(let value): value }
        if let sent { fields.append(("csrf_token", sent)) }
        var all = headers
        all.append(contentsOf: Self.formHeaders)
        all.append(contentsOf: extra)
        let response = try await client.execute(uri: uri, method: .post, headers: all, body: Self.form(fields))
        take(response)
        return response
    }

    /// Logs in through the form, as a script would: GET /login, then POST it.
    mutating func logIn(_ client: some TestClientProtocol, _ login: String, _ password: String = WebTestBed.password) async throws -> TestResponse {
        _ = try await get(client, "/login")
        let response = try await post(client, "/login", [("username", login), ("password", password)])
        if response.status == .seeOther, let location = response.headers[.location] {
            _ = try await get(client, location)
        }
        return response
    }
}
