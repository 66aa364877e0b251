import Accounts
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdAuth
import Store

/// Everything the handlers use, built once at start: the store, accounts and audit log, the page
/// templates, the CSRF key, the session storage and the injected clock.
public struct WebEnvironment: Sendable {
    public let configuration: WebConfiguration
    public let store: StoreDatabase
    public let accounts: AccountStore
    public let audit: AuditLog
    public let pages: PageRenderer
    public let csrf: CSRFProtection
    public let clock: Clock
    /// The desk's limits and townships (templates/desk.toml, townships.toml, calendar/).
    public let schedule: ComplaintSchedule
    /// Opens callers' names and phones for a reveal; nil when the server has no key (reveals refused).
    public let identity: CallerIdentityCipher?
    /// The dashboard's indicators of months not published, what it shows of a month's indicators,
    /// and its desk figures of a month, kept while the data (and the day, the definitions, the
    /// snapshots) stay the same; and the indicator definitions, kept while their files are unchanged.
    let indicatorMonths = MonthFiguresCache<DashboardRoutes.IndicatorMonth>()
    let indicatorModels = MonthFiguresCache<DashboardIndicators.Model>()
    let deskFigures = MonthFiguresCache<DashboardRoutes.DeskFigures>()
    let indicatorCatalog = IndicatorCatalogCache()
    /// Home's count of each queue, per account's queues and scope, kept while the data and the day stay the same.
    let workCounts = KeptFigures<String, [Int]>()
    let sessionDriver: StorePersistDriver
    let sessionStorage: SessionStorage<WebSession>

    public init(configuration: WebConfiguration, store: StoreDatabase, accounts: AccountStore, clock: Clock,
                identity: CallerIdentityCipher? = nil) throws {
        self.configuration = configuration
        self.store = store
        self.accounts = accounts
        self.audit = AuditLog(store: store)
        self.pages = try PageRenderer(directory: (configuration.templatesDirectory as NSString).appendingPathComponent("web"))
        self.csrf = CSRFProtection()
        self.clock = clock
        self.schedule = try ComplaintSchedule.load(templates: configuration.templatesDirectory)
        self.identity = identity
        sessionDriver = StorePersistDriver(store: store, clock: clock)
        sessionStorage = SessionStorage(sessionDriver, configuration: Self.sessionStorageConfiguration(configuration))
    }

    public var policy: SecurityPolicy { accounts.policy }

    static func sessionStorageConfiguration(_ configuration: WebConfiguration) -> SessionStorageConfiguration {
        SessionStorageConfiguration(
            sessionCookieParameters: SessionCookieParameters(name: WebConfiguration.sessionCookieName, path: "/",
                                                             secure: configuration.secureCookies, sameSite: .strict),
            keyPrefix: "session.")
    }

    /// Now, in whole Unix seconds, from the injected clock.
    var nowSeconds: Int64 { Int64(clock.now().timeIntervalSince1970.rounded(.down)) }

    /// Appends an audit record; a failure to write it is logged, never shown (the request's own
    /// outcome stands) — but it is logged at error level, since a missing record is a finding.
    func record(_ action: AuditAction, object: String = "", outcome: AuditOutcome, detail: String = "", context: WebContext) {
        let actor = AuditActor(login: context.identity?.login ?? "", source: context.clientAddress)
        do {
            try audit.record(AuditEvent(time: clock.now(), actor: actor, action: action, object: object, outcome: outcome, detail: detail))
        } catch {
            context.logger.error("could not write an audit record", metadata: ["action": .string(action.rawValue), "error": .string("\(error)")])
        }
    }
}
