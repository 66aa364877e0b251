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
        abstract: "把文档（JSON，见 docs/document-format.md）生成为 PDF 和/或 HTML。",
        discussion: """
        页面设置和字体取自 <模板文件夹>/page.toml，HTML 模板取自 <模板文件夹>/html/。\
        有字符在已安装的字体中没有字形时，不写入任何文件。
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("JSON 格式的文档。", valueName: "DOC.json"))
    var document: String

    @Option(name: .long, help: ArgumentHelp("PDF 写到这里。", valueName: "文件"))
    var pdf: String?

    @Option(name: .long, help: ArgumentHelp("HTML 写到这里。", valueName: "文件"))
    var html: String?

    func validate() throws {
        if pdf == nil && html == nil { throw ValidationError("请给出 --pdf 文件、--html 文件，或两者都给。") }
    }

    func run() throws {
        do {
            let path = URL(fileURLWithPath: document)
            let doc = try Document.decode(json: try FileSystemError.performing("读取", document) { try Data(contentsOf: path) }, file: document)
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
            printError("gongkai render：\(document) 不存在")
            throw ExitCode.failure
        } catch {
            printError("gongkai render：\(error)")
            throw ExitCode.failure
        }
    }
}
