import Document
import Foundation
import GongkaiCore
import HTML
import PDF
import Typeset

/// Writes a release's files into its folder and keeps the list the manifest and index print.
///
/// Documents are typeset on a pool of threads, one per core (`DocumentPool`), while the caller goes on
/// reading the store and computing the next ones; their files join the list in the order they were
/// asked for, when the next plain file or the index is written (or `finishDocuments` is called), so the
/// manifest, the index and every progress line are the same whichever thread finished first.
struct ReleaseWriter {
    let directory: URL
    let context: PublicationContext
    /// Checks every value of a document before it is typeset, and every title and file name.
    let guardian: PublicationGuard
    /// Gives each document its 政府信息公开 catalogue entry (索引号, 发布机构, 发文日期, 主题分类, 文号).
    let catalogue: ReleaseCatalogue
    let progress: @Sendable (String) -> Void
    private(set) var files: [Manifest.File] = []
    private let documents: DocumentPool

    init(directory: URL, context: PublicationContext, guardian: PublicationGuard, catalogue: ReleaseCatalogue,
         threads: Int, progress: @escaping @Sendable (String) -> Void) {
        self.directory = directory; self.context = context; self.guardian = guardian; self.catalogue = catalogue
        self.progress = progress
        documents = DocumentPool(threads: threads)
        PDFRenderer.prepareNativeStack()
    }

    /// A document as PDF and (unless `html` is false) HTML, with its catalogue entry; `name` may
    /// contain a subfolder. Every value is checked by the guard first; every write is checked: a full disk is an error naming the
    /// file, never a truncated file. A document that cannot be laid out is refused naming its file.
    /// The files are written by the pool; a failure is thrown by the next call that lists files, the
    /// first failure in the order the documents were given.
    mutating func write(_ document: Document, name: String, html: Bool = true) throws {
        let files = html ? "\(name).pdf / \(name).html" : "\(name).pdf"
        var document = document
        let entry = try catalogue.entry(for: name)
        document.metadata.catalogue = entry
        try guardian.check(value: name, label: "一个文件的文件名")
        let pdf = directory.appendingPathComponent(name + ".pdf")
        // A subfolder (a township's) is made inside the release folder, never the release folder
        // itself: a staging folder removed on SIGTERM must not be re-created by a write in flight.
        let folder = pdf.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            try FileSystemError.performing("创建文件夹", folder.path) {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            }
        }
        let (guardian, page, renderer, directory) = (guardian, context.page, context.html, directory)
        let home = String(repeating: "../", count: name.count(where: { $0 == "/" })) + "index.html"
        documents.submit { [document] in
            try guardian.check(document, file: files)
            do {
                try PDFRenderer(settings: page).render(document, to: pdf.path)
            } catch let error as TypesetError {
                throw NotTypeset(file: "\(name).pdf", reason: error)
            }
            let title = document.metadata.title
            var written = [Self.file(try FileSystemError.performing("read", pdf.path) { try Data(contentsOf: pdf) },
                                     name: name + ".pdf", title: title, catalogue: entry)]
            if html {
                try guardian.check(value: title, label: "\(name).html 的标题")
                let data = Data(try renderer.render(document, home: home).utf8)
                try OutputFile.write(data, to: directory.appendingPathComponent(name + ".html").path)
                written.append(Self.file(data, name: name + ".html", title: title, catalogue: entry))
            }
            return written
        }
    }

    /// Waits for the documents given so far and lists their files, in the order they were given.
    mutating func finishDocuments() throws {
        for file in try documents.drain() { list(file) }
    }

    /// A file as it is (open data, the public key, the index page); `catalogue`: its entry, for a document.
    mutating func write(data: Data, name: String, title: String, catalogue: CatalogueEntry? = nil) throws {
        try finishDocuments()
        try guardian.check(value: title, label: "\(name) 的标题")
        try OutputFile.write(data, to: directory.appendingPathComponent(name).path)
        list(Self.file(data, name: name, title: title, catalogue: catalogue))
    }

    private static func file(_ data: Data, name: String, title: String, catalogue: CatalogueEntry?) -> Manifest.File {
        Manifest.File(path: name, title: title, bytes: data.count, sha256: Digest.sha256Hex(data),
                      indexNumber: catalogue?.indexNumber, documentNumber: catalogue?.documentNumber)
    }

    private mutating func list(_ file: Manifest.File) {
        files.append(file)
        progress("  \(file.path) (\(Self.size(file.bytes)))")
    }

    /// index.html, citizen first: what the month's information is, in plain words, then every file
    /// written so far, by kind (`IndexSections`), each document with its formats and sizes; last, under
    /// 如何核验, every file again with its SHA-256, manifest.json, and the signature note. Links to the
    /// archive of every month (`Archive`, output/index.html: one folder up for release 1 in YYYY-MM/,
    /// two for a later one in YYYY-MM/rN/). `signingKeySHA256`: the fingerprint of the office key that
    /// signs the release (nil: unsigned), printed so a reader can compare it.
    mutating func writeIndex(month: YearMonth, release: Int, date: CivilDate, signingKeySHA256: String?) throws {
        try finishDocuments()
        let office = context.office
        let entry = try catalogue.entry(for: "index")
        try guardian.check(entry)
        let listed = files.map { ReleaseIndexPage.File(href: $0.path, title: $0.title, size: Self.size($0.bytes), sha256: $0.sha256) }
        let page = ReleaseIndexPage(
            titleSegments: [office.district, month.chinese, "社会救助", "信息公开目录"], office: office.name, date: date,
            introduction: "本页公开\(office.name)\(month.chinese)的社会救助信息（第\(release)版）：各救助项目的对象名单和公示期，本月执行的救助标准和办事指南，投诉举报办理情况，社会救助绩效评估报告，以及可下载的指标数据。名单和报告都有网页版和PDF版：网页版便于在手机上阅读，PDF版便于打印张贴。",
            sections: IndexSections.sections(listed), files: listed,
            archive: (release > 1 ? "../../" : "../") + "index.html", signature: Self.signingNote(signingKeySHA256),
            contact: "社会救助服务热线：\(office.hotline)；监督电话：\(office.supervisionPhone)；信访通讯地址：\(office.petitionAddress)。",
            catalogue: entry)
        try write(data: Data(try context.html.render(page).utf8), name: "index.html",
                  title: page.titleSegments.joined(), catalogue: entry)
    }

    /// The index page's sentence on the release's signature: the key's fingerprint, or that it is unsigned.
    static func signingNote(_ fingerprint: String?) -> String {
        guard let fingerprint else {
            return "本次发布未签名：发布时未配置本局签名密钥，manifest.json 出自本局无法用签名核对。"
        }
        return "manifest.json 由本局以 Ed25519 密钥签名，签名为 manifest.json.sig，公钥为 \(Manifest.publicKeyFileName)，公钥 SHA-256 指纹为 \(fingerprint)。请先核对指纹与本局在其他渠道公布的一致，再用 openssl pkeyutl -verify -pubin -inkey \(Manifest.publicKeyFileName) -rawin -in manifest.json -sigfile manifest.json.sig 验证签名。"
    }

    /// "12 KB", "3.4 MB": sizes for people, computed without floating point.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// A document that the typesetter refused (a cell too long for any page, a character no font has),
/// said with the file it was to become; the typesetter's own message names the table, row, household
/// and field.
struct NotTypeset: Error, CustomStringConvertible {
    let file: String
    let reason: TypesetError
    var description: String { "\(file)：无法排版，本次未发布任何文件。\(reason)" }
}
