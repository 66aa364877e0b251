import ArgumentParser
import Document
import Foundation
import GongkaiCore
import HTML
import PDF
import Typeset

/// `gongkai render DOC.json --pdf FILE --html FILE`: renders a Document given as JSON, so staff can
/// preview a template change and tests can drive the renderers through the real binary.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a document (JSON, see docs/document-format.md) to PDF and/or HTML.",
        discussion: """
        Page setup and fonts come from <templates>/page.toml, HTML templates from <templates>/html/. \
        Nothing is written when a character has no glyph in the installed fonts.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The document as JSON.", valueName: "DOC.json"))
    var document: String

    @Option(name: .long, help: ArgumentHelp("Write the PDF here.", valueName: "file"))
    var pdf: String?

    @Option(name: .long, help: ArgumentHelp("Write the HTML here.", valueName: "file"))
    var html: String?

    func validate() throws {
        if pdf == nil && html == nil { throw ValidationError("Give --pdf FILE, --html FILE or both.") }
    }

    func run() throws {
        do {
            let path = URL(fileURLWithPath: document)
            let doc = try Document.decode(json: try FileSystemError.performing("read", document) { try Data(contentsOf: path) }, file: document)
            // The HTML is made in memory first: when the PDF fails (a missing glyph), nothing is written.
            let page = try html.map { _ in try HTMLRenderer(templatesDirectory: global.templatesPath + "/html").render(doc) }
            if let pdf {
                let settings = try PageSettings.load(path: global.templatesPath + "/page.toml")
                try PDFRenderer(settings: settings).render(doc, to: pdf)
            }
            if let html, let page {
                // Through a temporary file renamed at the end, every write checked.
                try OutputFile.write(Data(page.utf8), to: html)
            }
        } catch let error as FileSystemError where error.code == ENOENT && error.path == document {
            printError("gongkai render: \(document) does not exist")
            throw ExitCode.failure
        } catch {
            printError("gongkai render: \(error)")
            throw ExitCode.failure
        }
    }
}
