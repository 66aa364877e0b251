import Foundation
import GongkaiCore
import ZIPFoundation

/// An .xlsx workbook opened for reading: its sheets by name, its shared strings and date styles.
///
/// Built on ZIPFoundation and a reader of XML bytes (`XMLScanner`): no part is ever made into a tree,
/// and a sheet's XML is inflated and read in chunks (`ZipEntryStream`).
///
/// Why not a library: among the offline packages there is no maintained .xlsx reader. CoreXLSX is not
/// offline (and pins an old XMLCoder). XMLCoder 0.18.2 decodes a whole document into an element tree
/// before building values, and SWXMLHash 8.1.1 needs the whole document in memory even in its lazy
/// mode; either would hold a 100,000-row sheet whole. So this reader is small and ours.
public struct Workbook: Sendable {
    /// One sheet: the name the workbook shows on its tab, and its part in the package.
    public struct Sheet: Sendable {
        public let name: String
        let part: String
    }

    public let url: URL
    public let sheets: [Sheet]
    let shared: [String]
    let formats: NumberFormats
    let date1904: Bool

    /// The file's name, as errors give it (`households.xlsx`).
    public var fileName: String { url.lastPathComponent }

    /// Opens the package and reads its workbook, relationships, styles and shared strings. Throws
    /// `InputErrors` naming the file when it is not an .xlsx workbook.
    public init(url: URL) throws(InputErrors) {
        self.url = url
        let name = url.lastPathComponent
        func refuse(_ reason: String) -> InputErrors { InputErrors([InputError(file: name, line: nil, reason: reason)]) }
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw refuse("不是 .xlsx 工作簿（不是 ZIP 包）：请用 Excel 或 WPS 打开，另存为 Excel 工作簿（.xlsx）或 CSV UTF-8")
        }
        func part(_ path: String) -> Data? {
            guard let entry = archive[path], entry.type == .file, entry.uncompressedSize <= Self.smallPartLimit else { return nil }
            var data = Data()
            do { _ = try archive.extract(entry) { data.append($0) } } catch { return nil }
            return data
        }
        let rootRels = Relationships(part("_rels/.rels"), base: "")
        let workbookPath = rootRels.target(endingIn: "/officeDocument") ?? "xl/workbook.xml"
        guard let workbookData = part(workbookPath) else {
            throw refuse("不是 .xlsx 工作簿（其中没有 \(workbookPath)）：请用 Excel 或 WPS 重新另存为 .xlsx")
        }
        let base = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let file = workbookPath.split(separator: "/").last.map(String.init) ?? workbookPath
        let relsData = part(base.isEmpty ? "_rels/\(file).rels" : "\(base)/_rels/\(file).rels")
        let rels = Relationships(relsData, base: base)
        guard let book = WorkbookPart.read(workbookData) else {
            throw refuse("其中的 \(workbookPath) 不是格式正确的 XML：请用 Excel 或 WPS 重新保存")
        }
        // Worksheets only: a chart sheet has no cells.
        sheets = book.sheets.compactMap { sheet in
            guard rels.types[sheet.id]?.hasSuffix("/worksheet") == true else { return nil }
            return rels.targets[sheet.id].map { Sheet(name: sheet.name, part: $0) }
        }
        date1904 = book.date1904
        formats = part(rels.target(endingIn: "/styles") ?? "\(base)/styles.xml").map(NumberFormats.init(styles:)) ?? NumberFormats()
        if let sharedPath = rels.target(endingIn: "/sharedStrings"), archive[sharedPath] != nil {
            let stream = ZipEntryStream(archiveURL: url, entryPath: sharedPath)
            defer { stream.close() }
            do {
                shared = try SharedStringTable.read(stream.chunks)
            } catch {
                switch error {
                case .tooLarge:
                    throw refuse("其共享字符串超过 \(SharedStringTable.limit >> 20) MB，远超任何业务导出：请检查该文件")
                case .stringTooLong(let n):
                    throw refuse("其共享字符串第 \(n) 条超过 \(XMLScanner.excelCellLimit) 个字符（Excel 单元格的上限）：请检查该文件")
                case .unreadable(let fault):
                    throw refuse("其共享字符串（\(sharedPath)）无法读取（已损坏或不完整）：\(fault.detail)（第 \(fault.line) 行）；请用 Excel 或 WPS 重新保存")
                case .incomplete:
                    throw refuse("其共享字符串（\(sharedPath)）无法读取（已损坏或不完整）：没有 sst 元素；请用 Excel 或 WPS 重新保存")
                }
            }
        } else {
            shared = []
        }
    }

    /// Parts other than sheets and shared strings are small; a bigger one is no workbook of ours.
    static let smallPartLimit = 64 << 20

    /// Every row of `sheet` that has a cell, in order, as the sheet holds them (no header handling).
    public func rows(of sheet: Sheet, _ visit: (SheetRow) throws -> Void) throws {
        let stream = ZipEntryStream(archiveURL: url, entryPath: sheet.part)
        defer { stream.close() }
        let reader = SheetReader(shared: shared, formats: formats, date1904: date1904,
                                 place: "\(fileName)!\(XMLParts.quoted(sheet.name, limit: 100))", part: sheet.part)
        try reader.read(stream.chunks, visit)
    }

    /// The merged ranges of `sheet` (`mergeCells`, which the format puts after all the rows).
    func mergedRanges(of sheet: Sheet) -> [MergedRange] {
        MergeScanner.ranges(in: ZipEntryStream(archiveURL: url, entryPath: sheet.part))
    }
}

/// A package's relationships part: target paths by id, resolved against the part's folder.
struct Relationships {
    private(set) var targets: [String: String] = [:]
    private(set) var types: [String: String] = [:]

    /// Reads a relationships part (`Relationship` elements; external targets are not parts).
    init(_ data: Data?, base: String) {
        var found: [(String, String, String)] = []
        if let data {
            _ = XMLParts.read(data, start: { name, attributes in
                guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"],
                      attributes["TargetMode"] != "External" else { return }
                found.append((id, attributes["Type"] ?? "", target))
            })
        }
        self.init(found: found, base: base)
    }

    init(found: [(String, String, String)], base: String) {
        for (id, type, target) in found {
            var path = target.hasPrefix("/") ? String(target.dropFirst()) : (base.isEmpty ? target : "\(base)/\(target)")
            // Resolve ../ (rare, but allowed): a segment and the .. after it cancel out.
            var parts: [Substring] = []
            for segment in path.split(separator: "/") {
                if segment == ".." { _ = parts.popLast() } else if segment != "." { parts.append(segment) }
            }
            path = parts.joined(separator: "/")
            targets[id] = path
            types[id] = type
        }
    }

    func target(endingIn type: String) -> String? {
        types.filter { $0.value.hasSuffix(type) }.keys.sorted().first.flatMap { targets[$0] }
    }
}

/// xl/workbook.xml: the sheets in tab order, and the date system.
enum WorkbookPart {
    /// The sheets (name, relationship id) and whether dates count from 1904; nil when the part is
    /// not well-formed XML.
    static func read(_ data: Data) -> (sheets: [(name: String, id: String)], date1904: Bool)? {
        var sheets: [(name: String, id: String)] = []
        var date1904 = false
        let ok = XMLParts.read(data, start: { name, attributes in
            switch name {
            case "sheet":
                if let name = attributes["name"], let id = XMLParts.attribute(attributes, "id") { sheets.append((name, id)) }
            case "workbookPr":
                date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
            default:
                break
            }
        })
        return ok ? (sheets, date1904) : nil
    }
}

extension Workbook {
    /// Every text a workbook shows: sheet names and each cell, a row to a line, cells TAB-separated
    /// (what the publication guard scans for personal data, read back from the file itself).
    public static func text(of url: URL) throws -> String {
        let workbook = try Workbook(url: url)
        var lines: [String] = []
        for sheet in workbook.sheets {
            lines.append(sheet.name)
            try workbook.rows(of: sheet) { row in lines.append(row.cells.map(\.text).joined(separator: "\t")) }
        }
        return lines.joined(separator: "\n")
    }
}
