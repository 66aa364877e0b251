import CPangoCairo
import Document
import Foundation
import GongkaiCore
import Typeset

/// Document → PDF through Pango and Cairo. Pages are streamed: each is drawn and closed with
/// `cairo_show_page` before the next is laid out, so memory stays flat in the page count.
///
/// The output depends only on the document, the settings and the installed fonts: the creation and
/// modification dates are the document's publication date, never the clock.
public struct PDFRenderer: Sendable {
    public let settings: PageSettings

    public init(settings: PageSettings = .gbt9704) {
        self.settings = settings
    }

    /// Writes the PDF to `path` through a temporary file in the same folder, renamed at the end: a
    /// failure (a missing glyph, a full disk) leaves no file behind, and never half a file. Every byte
    /// is written and checked (see `OutputFile`), so a write error is an error naming `path`, not a
    /// truncated file reported as success.
    public func render(_ document: Document, to path: String) throws {
        let typesetter = try Typesetter(settings: settings)
        try typesetter.checkCoverage(document)
        try OutputFile.atomically(path) { file in try write(document, with: typesetter, to: file) }
    }

    /// Writes the PDF into an open file (a device, or a test's file), every write checked; the caller
    /// closes it.
    public func render(_ document: Document, into file: OutputFile) throws {
        let typesetter = try Typesetter(settings: settings)
        try typesetter.checkCoverage(document)
        try write(document, with: typesetter, to: file)
    }

    /// The PDF's bytes, for callers that keep documents in memory (short documents, tests).
    /// `leanFonts`: false keeps Cairo's font programs as they are (for the tests of `LeanFonts`).
    public func render(_ document: Document) throws -> Data { try render(document, leanFonts: true) }

    func render(_ document: Document, leanFonts: Bool) throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("document.pdf").path
        let typesetter = try Typesetter(settings: settings)
        try typesetter.checkCoverage(document)
        try OutputFile.atomically(path) { file in try write(document, with: typesetter, to: file, leanFonts: leanFonts) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// What must happen once in a process before documents are rendered, on any thread: fontconfig's
    /// initialisation (it is not safe to race), and Cairo told not to compress its streams
    /// (`CAIRO_DEBUG_PDF`, read by Cairo 1.16 when a PDF surface is made, and only to turn its deflate
    /// off): the assembler compresses every stream itself, once, and would otherwise have to inflate
    /// each page Cairo deflated. Called before threads start (the release does) and by every render.
    public static func prepareNativeStack() { _ = nativeStack }

    private static let nativeStack: Void = {
        if getenv("CAIRO_DEBUG_PDF") == nil { setenv("CAIRO_DEBUG_PDF", "1", 0) }
        FcInit()
    }()

    /// Cairo hands the PDF's bytes to this function as it makes them (a C callback: no captures, the
    /// assembler comes through `closure`).
    private static let sink: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let assembler = Unmanaged<PDFAssembler>.fromOpaque(closure).takeUnretainedValue()
        return assembler.take(UnsafeBufferPointer(start: data, count: Int(length))) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
    }

    /// Draws the document with Cairo, untagged, page by page, recording its structure; the assembler
    /// finishes each page as Cairo writes it (`PDFAssembler`) and the file at the end.
    private func write(_ document: Document, with typesetter: Typesetter, to file: OutputFile, leanFonts: Bool = true) throws {
        Self.prepareNativeStack()
        let assembler = PDFAssembler(file: file, language: Self.language, leanFonts: leanFonts)
        do {
            try write(document, with: typesetter, through: assembler, path: file.path)
        } catch {
            // A write error is said by the file (the disk is full, …).
            if assembler.writeFailed { try file.close() }
            throw error
        }
    }

    private func write(_ document: Document, with typesetter: Typesetter, through assembler: PDFAssembler, path: String) throws {
        var structure = StructureRecorder()
        // The assembler outlives the surface, which is destroyed on return.
        let surface = cairo_pdf_surface_create_for_stream(Self.sink, Unmanaged.passUnretained(assembler).toOpaque(),
                                                          settings.paperWidth, settings.paperHeight)
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw PDFError.cannotWrite(path: path, reason: String(cString: cairo_status_to_string(cairo_surface_status(surface))))
        }
        let meta = document.metadata
        let date = "\(meta.publicationDate)T00:00:00+08:00"
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, meta.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, meta.office)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, meta.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, meta.keywords.joined(separator: ", "))
        // Which face set the body (仿宋 where one is installed, else the fallback of page.toml's chain).
        let body = typesetter.fontFamilies[.body]?.first ?? ""
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "gongkai（正文字体：\(body)）")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)

        let cr = cairo_create(surface)
        defer { cairo_destroy(cr) }
        // Outline parents by level; 0 is the outline root.
        var parents: [Int32] = [0, 0, 0, 0]
        try typesetter.typeset(document) { page in
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            draw(page, on: cr, structure: &structure)
            assembler.expect(structure.finishPage())
            cairo_show_page(cr)
            if let failure = assembler.failure { throw failure }
            for heading in page.headings {
                let parent = heading.level == 1 ? 0 : parents[heading.level - 2]
                let id = cairo_pdf_surface_add_outline(surface, parent, heading.title,
                    "page=\(page.number) pos=[\(settings.marginLeft) \(heading.y)]", cairo_pdf_outline_flags_t(0))
                for level in (heading.level - 1)..<4 { parents[level] = id }
            }
        }
        cairo_surface_finish(surface)
        if let failure = assembler.failure { throw failure }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PDFError.cannotWrite(path: path, reason: String(cString: cairo_status_to_string(status)))
        }
        try assembler.finish(structure: structure)
    }

    /// The language of every notice, for screen readers (/Lang in the catalog).
    static let language = "zh-CN"

    /// Consecutive rules of one width and colour (a row's dividers and its bottom rule) go out as one
    /// path and one stroke. Cairo's PDF surface adds the extents of every drawing operation to a region
    /// when it closes the page; with one stroke per rule that region grew to thousands of rectangles a
    /// page and its unions took most of the rendering time. One stroke spans the whole row, so the region
    /// stays a single rectangle. Opaque strokes look the same either way, and the drawing order of
    /// everything else is unchanged.
    private func draw(_ page: Page, on cr: OpaquePointer?, structure: inout StructureRecorder) {
        var openRule: (width: Double, color: RGB)? = nil
        for item in page.items {
            if case .rule = item {} else if openRule != nil {
                cairo_stroke(cr)
                openRule = nil
            }
            switch item {
            case .text(let line):
                cairo_set_source_rgb(cr, line.color.red, line.color.green, line.color.blue)
                guard let pangoLine = line.layout.pangoLine(line.index) else { continue }
                cairo_move_to(cr, line.textX, line.baseline)
                pango_cairo_show_layout_line(cr, pangoLine)
                structure.text(glyphs: line.layout.glyphCount(ofLine: line.index))
            case .fill(let x, let y, let w, let h, let color):
                cairo_set_source_rgb(cr, color.red, color.green, color.blue)
                cairo_rectangle(cr, x, y, w, h)
                cairo_fill(cr)
            case .rule(let x1, let y1, let x2, let y2, let width, let color):
                if let open = openRule, open.width != width || open.color != color {
                    cairo_stroke(cr)
                    openRule = nil
                }
                if openRule == nil {
                    cairo_set_source_rgb(cr, color.red, color.green, color.blue)
                    cairo_set_line_width(cr, width)
                    openRule = (width, color)
                }
                cairo_move_to(cr, x1, y1)
                cairo_line_to(cr, x2, y2)
            case .begin(let role):
                structure.begin(role)
            case .end:
                structure.end()
            case .polyline(let points, let width, let color):
                guard let first = points.first else { continue }
                cairo_set_source_rgb(cr, color.red, color.green, color.blue)
                cairo_set_line_width(cr, width)
                cairo_move_to(cr, first.x, first.y)
                for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
                cairo_stroke(cr)
            }
        }
        if openRule != nil { cairo_stroke(cr) }
    }
}

public enum PDFError: Error, Sendable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    /// Cairo wrote a PDF `PDFAssembler` does not know how to complete (a Cairo other than 1.16's layout).
    case unexpectedStructure(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "无法写入 PDF \(path)：\(reason)"
        case .unexpectedStructure(let what): "无法完成 Cairo 写出的带标签 PDF（\(what)）；gongkai 要求 cairo 1.16 的 PDF 结构——请连同 `pkg-config --modversion cairo` 的输出报告此问题"
        }
    }
}
