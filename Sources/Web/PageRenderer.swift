import Foundation
import Mustache
import Store

/// The web pages' templates (templates/web/*.mustache) and stylesheet, loaded once at start.
///
/// Templates get flat dictionaries of pre-formatted strings (swift-mustache renders a missing key as
/// nothing, silently), and `{{…}}` escapes every value: a login name or an audit record typed as
/// HTML is shown as text.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    /// templates/web/complaint-row.mustache, compiled against `QueueRow`: a queue page's 50 rows
    /// are its largest part, rendered without Mustache's dynamic lookups (`TypedTemplate`).
    private let queueRow: TypedTemplate<QueueRow>
    /// templates/web/option.mustache, compiled against `Choice`: the filter lists' choices.
    private let option: TypedTemplate<Choice>
    /// templates/web/indicator-row.mustache, compiled against `KeyIndicatorRow`: the dashboard's
    /// key indicators with their sparklines.
    private let indicatorRow: TypedTemplate<KeyIndicatorRow>
    /// templates/web/indicator-township-row.mustache and township-row.mustache: the dashboard's two
    /// tables by township.
    private let indicatorTownshipRow: TypedTemplate<DashboardIndicators.TownshipTally>
    private let townshipRow: TypedTemplate<ComplaintTownshipCounts>
    /// templates/web/nav-link.mustache and work-item.mustache: the menu, the queue tabs, home's lists.
    private let link: TypedTemplate<PageLink>
    private let workItem: TypedTemplate<WorkItem>
    /// templates/web/gongkai.css, served at `/static/gongkai.css`.
    public let stylesheet: String
    /// templates/web/public.css, served at `/static/public.css` on the public listener only.
    public let publicStylesheet: String

    /// Every page template; a folder missing one of them is refused at start, not at first request.
    static let pages = ["login", "password", "home", "audit", "policy", "users", "error", "complaint", "complaints", "intake", "dashboard",
                        "statistics", "print", "public-home", "public-submit", "public-submitted", "public-progress", "public-error"]

    public init(directory: String) throws {
        var library = MustacheLibrary()
        let folder = URL(fileURLWithPath: directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw WebSetupError("the web templates folder \(directory) cannot be read: give --templates the folder that holds web/")
        }
        for name in names {
            let file = folder.appendingPathComponent(name)
            do {
                try library.register(String(contentsOf: file, encoding: .utf8), named: String(name.dropLast(".mustache".count)))
            } catch {
                throw WebSetupError("the template \(file.path) cannot be used: \(error)")
            }
        }
        for page in Self.pages where library.getTemplate(named: page) == nil {
            throw WebSetupError("the template \(folder.appendingPathComponent(page + ".mustache").path) is missing")
        }
        self.library = library
        func typed<Value>(_ name: String, _ fields: [String: TypedTemplate<Value>.Field]) throws(WebSetupError) -> TypedTemplate<Value> {
            let file = folder.appendingPathComponent(name)
            guard let source = try? String(contentsOf: file, encoding: .utf8) else {
                throw WebSetupError("the template \(file.path) is missing")
            }
            return try TypedTemplate(source, file: file.path, fields: fields)
        }
        queueRow = try typed(Self.queueRowFile, QueueRow.fields)
        option = try typed("option.mustache", Choice.fields)
        indicatorRow = try typed(Self.indicatorRowFile, KeyIndicatorRow.fields)
        indicatorTownshipRow = try typed("indicator-township-row.mustache", DashboardIndicators.TownshipTally.fields)
        townshipRow = try typed("township-row.mustache", ComplaintTownshipCounts.dashboardFields)
        link = try typed("nav-link.mustache", PageLink.fields)
        workItem = try typed("work-item.mustache", WorkItem.fields)
        do {
            stylesheet = try String(contentsOf: folder.appendingPathComponent("gongkai.css"), encoding: .utf8)
        } catch {
            throw WebSetupError("the stylesheet \(folder.appendingPathComponent("gongkai.css").path) cannot be read")
        }
        do {
            publicStylesheet = try String(contentsOf: folder.appendingPathComponent("public.css"), encoding: .utf8)
        } catch {
            throw WebSetupError("the stylesheet \(folder.appendingPathComponent("public.css").path) cannot be read")
        }
    }

    /// The queue rows' template, in the templates folder.
    static let queueRowFile = "complaint-row.mustache"

    /// `rows` rendered with complaint-row.mustache, one after another, for a page's `{{{complaintRows}}}`.
    func queueRows(_ rows: [QueueRow]) -> String { queueRow.render(rows, sizeHint: 1_600) }

    /// The dashboard's key indicator rows' template, in the templates folder.
    static let indicatorRowFile = "indicator-row.mustache"

    /// `rows` rendered with indicator-row.mustache, for the dashboard's `{{{indicatorRows}}}`.
    func indicatorRows(_ rows: [KeyIndicatorRow]) -> String { indicatorRow.render(rows, sizeHint: 1_200) }

    /// `rows` rendered with indicator-township-row.mustache, for the dashboard's `{{{indicatorTownshipRows}}}`.
    func indicatorTownshipRows(_ rows: [DashboardIndicators.TownshipTally]) -> String { indicatorTownshipRow.render(rows, sizeHint: 240) }

    /// `rows` rendered with township-row.mustache, for the dashboard's `{{{townshipRows}}}`.
    func townshipRows(_ rows: [ComplaintTownshipCounts]) -> String { townshipRow.render(rows, sizeHint: 240) }

    /// `links` rendered with nav-link.mustache, one after another, for a list's `{{{…Links}}}`.
    func links(_ links: [PageLink]) -> String { link.render(links, sizeHint: 80) }

    /// `items` rendered with work-item.mustache, for home's `{{{workItems}}}`.
    func workItems(_ items: [WorkItem]) -> String { workItem.render(items, sizeHint: 160) }

    /// `choices` rendered with option.mustache, one after another, for a list's `{{{…Options}}}`.
    func options(_ choices: [Choice]) -> String { option.render(choices, sizeHint: 80) }

    /// The page `template` filled with `view`; "" only if the template vanished, which `init` rules out.
    public func render(_ template: String, _ view: [String: Any]) -> String {
        library.render(view, withTemplate: template) ?? ""
    }
}

/// Why the server cannot start, as one sentence.
public struct WebSetupError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
