import Document
import Foundation
import Mustache

/// Document → one self-contained HTML page through the Mustache templates in templates/html: a
/// `layout` and a partial per block kind, with style.css inlined. No script, no external request.
///
/// Templates get flat view models of pre-formatted strings: swift-mustache renders a missing key as
/// nothing, silently, so nothing is computed inside a template. Values are escaped by `{{…}}`; only
/// the stylesheet and our own SVG are inserted raw.
public struct HTMLRenderer: Sendable {
    private let library: MustacheLibrary
    /// The tables' rows and cells (table-row.mustache, table-cell.mustache), compiled against typed values.
    private let tableRows: TableRows
    private let css: String
    /// The site's header and footer on every page; nil for a page rendered on its own.
    private let site: SiteChrome?

    public init(templatesDirectory: String, site: SiteChrome? = nil) throws {
        let directory = URL(fileURLWithPath: templatesDirectory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: templatesDirectory)
                .filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw HTMLError.missingTemplates(directory: templatesDirectory)
        }
        var library = MustacheLibrary()
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw HTMLError.badTemplate(file: directory.appendingPathComponent(name).path, reason: "\(error)")
            }
        }
        guard library.getTemplate(named: "layout") != nil else {
            throw HTMLError.missingTemplates(directory: templatesDirectory)
        }
        self.library = library
        self.site = site
        func typed<Value>(_ name: String, _ fields: [String: TypedTemplate<Value>.Field], finalNewline: Bool) throws -> TypedTemplate<Value> {
            let file = directory.appendingPathComponent(name)
            guard var source = try? String(contentsOf: file, encoding: .utf8) else { throw HTMLError.missingTemplate(name) }
            if !finalNewline, source.hasSuffix("\n") { source.removeLast() }
            do {
                return try TypedTemplate(source, file: file.path, fields: fields)
            } catch {
                throw HTMLError.badTemplate(file: file.path, reason: error.description)
            }
        }
        tableRows = TableRows(row: try typed(TableRows.rowFile, TableRows.Row.fields, finalNewline: true),
                              cell: try typed(TableRows.cellFile, TableRows.Cell.fields, finalNewline: false))
        css = (try? String(contentsOf: directory.appendingPathComponent("style.css"), encoding: .utf8)) ?? ""
    }

    /// Validates `document` first (`Document.validate()`), so no value in it reaches a template or the
    /// chart writer that they cannot show. `home`: the relative address of the month's index page,
    /// linked at the top of the page (nil for a document rendered on its own).
    public func render(_ document: Document, home: String? = nil) throws -> String {
        try document.validate()
        return try render(try PageView(document: document, css: css, home: home, tableRows: tableRows).dictionary, template: "layout")
    }

    /// A release's index.html (templates/html/index.mustache).
    public func render(_ page: ReleaseIndexPage) throws -> String {
        try render(ListingView.index(page, css: css), template: "index")
    }

    /// The archive of every month, output/index.html (templates/html/archive.mustache).
    public func render(_ page: ArchivePage) throws -> String {
        try render(ListingView.archive(page, css: css), template: "archive")
    }

    private func render(_ view: [String: Any], template: String) throws -> String {
        var view = view
        view["hasSite"] = site != nil
        view["hasHeader"] = site != nil || view["hasHome"] as? Bool == true
        view["site"] = site?.view ?? [:]
        guard let html = library.render(view, withTemplate: template) else {
            throw HTMLError.missingTemplate(template + ".mustache")
        }
        return html
    }
}

public enum HTMLError: Error, Sendable, CustomStringConvertible {
    case missingTemplates(directory: String)
    case missingTemplate(String)
    case badTemplate(file: String, reason: String)

    public var description: String {
        switch self {
        case .missingTemplates(let directory): "\(directory) 中没有 layout.mustache"
        case .missingTemplate(let name): "templates/html 中没有 \(name)：请从 gongkai 的模板中恢复"
        case .badTemplate(let file, let reason): "\(file): \(reason)"
        }
    }
}
