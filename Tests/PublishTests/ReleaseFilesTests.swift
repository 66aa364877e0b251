import Document
import Foundation
import GongkaiCore
import PDF
import Publish
import Testing

/// Writing a release's files: every write checked, file-system failures as one sentence, and a
/// manifest read as the input it is.
@Suite struct ReleaseFilesTests {
    /// /dev/full accepts the open and fails every write with ENOSPC: a full disk for one file.
    @Test func aWriteToAFullDiskIsAnErrorNamingThePath() throws {
        let file = try OutputFile(path: "/dev/full")
        #expect(!file.append(Data(repeating: 1, count: 10)))
        #expect(throws: FileSystemError(errno: ENOSPC, action: "写入", path: "/dev/full")) { try file.close() }
        #expect(FileSystemError(errno: ENOSPC, action: "写入", path: "/dev/full").description
            == "无法写入 /dev/full：磁盘已满；请腾出空间，或选择其他磁盘上的文件夹，然后重新运行命令")
    }

    @Test func aPDFWrittenToAFullDiskIsAnErrorNotATruncatedFile() throws {
        let document = Document(metadata: DocumentMetadata(title: "测试", office: "原州区民政局",
                                                           publicationDate: CivilDate(year: 2026, month: 11, day: 5)!),
                                blocks: [.paragraph(Paragraph("全文写入才算成功。"))])
        let file = try OutputFile(path: "/dev/full")
        #expect(throws: FileSystemError(errno: ENOSPC, action: "写入", path: "/dev/full")) {
            try PDFRenderer().render(document, into: file)
        }
    }

    @Test func anAtomicWriteLeavesTheOldFileOrTheWholeNewOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("index.html").path
        try OutputFile.write(Data("old".utf8), to: path)
        struct Stop: Error {}
        #expect(throws: Stop.self) { try OutputFile.atomically(path) { file in file.append(Data("new, half".utf8)); throw Stop() } }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["index.html"])
        // Files are readable by the web server, as any file the user writes.
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o044 } == 0o044)
    }

    @Test func foundationErrorsBecomeOneSentence() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = dir.appendingPathComponent(String(repeating: "长", count: 100)).path
        do {
            try FileSystemError.performing("创建文件夹", long) {
                try FileManager.default.createDirectory(atPath: long, withIntermediateDirectories: true)
            }
            Issue.record("a 300-byte name was accepted")
        } catch let error as FileSystemError {
            #expect(error.code == ENAMETOOLONG)
            #expect(error.description == "无法创建文件夹 \(long)：路径中有名称超过文件系统的长度限制（每个名称最多 255 字节）；请选择较短的路径，然后重新运行命令")
        }
        let file = dir.appendingPathComponent("file")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data()))
        let inside = file.appendingPathComponent("sub").path
        #expect(throws: FileSystemError(errno: ENOTDIR, action: "读取", path: inside)) {
            try FileSystemError.performing("读取", inside) { _ = try Data(contentsOf: URL(fileURLWithPath: inside)) }
        }
        // Other errors pass through as they are.
        struct Other: Error, Equatable {}
        #expect(throws: Other()) { try FileSystemError.performing("读取", inside) { throw Other() } }
    }

    // MARK: - manifest.json is input

    static var valid: [String: Any] { [
        "generator": "gongkai 0.1.0", "month": "2026-10", "release": 1, "channel": "web", "splitByTownship": false,
        "publicationDate": "2026-11-05", "dataFingerprint": "d", "definitionsVersion": "1", "definitionsSHA256": "s",
        "templatesSHA256": "t",
        "files": [["path": "index.html", "title": "目录", "bytes": 3, "sha256": "x"],
                  ["path": "三营镇/notice-dibao.pdf", "title": "公布", "bytes": 3, "sha256": "y"]],
    ] }

    /// Reads a manifest made from `valid` with `change` applied; the error's text, or nil.
    func problem(_ change: (inout [String: Any]) -> Void) throws -> String? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var json = Self.valid
        change(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: dir.appendingPathComponent("manifest.json"))
        do { _ = try Manifest.read(from: dir); return nil } catch {
            let text = "\(error)"
            #expect(text.hasPrefix(dir.appendingPathComponent("manifest.json").path + ": "), "\(text)")
            return String(text.dropFirst(dir.appendingPathComponent("manifest.json").path.count + 2))
        }
    }

    @Test func anOddManifestIsAnErrorNamingIt() throws {
        #expect(try problem { _ in } == nil)
        #expect(try problem { $0["release"] = nil } == "不是 gongkai 清单：缺少键 'release'")
        #expect(try problem { $0["release"] = 1e30 }?.hasPrefix("不是 gongkai 清单：") == true)
        #expect(try problem { $0["release"] = Int.max } == "release: \(Int.max) 不是版本号（1–9999）")
        #expect(try problem { $0["release"] = 0 } == "release: 0 不是版本号（1–9999）")
        #expect(try problem { $0["publicationDate"] = "0999-11-05" } == "publicationDate: '0999-11-05' 的年份 999 超出 1949–2100")
        #expect(try problem { $0["publicationDate"] = "2026-02-30" } == "publicationDate: '2026-02-30' 不是真实存在的日期")
        #expect(try problem { $0["month"] = "26-10" } == "month: '26-10' 不是月份（YYYY-MM）")
        #expect(try problem { $0["channel"] = "radio" }?.hasPrefix("不是 gongkai 清单：") == true)
        #expect(try problem { json in
            json["files"] = [["path": "a.pdf", "title": "", "bytes": 1, "sha256": "1"],
                             ["path": "a.pdf", "title": "", "bytes": 1, "sha256": "2"]]
        } == "files: 'a.pdf' 列出了两次")
        #expect(try problem { $0["files"] = [["path": "../../etc/passwd", "title": "", "bytes": 1, "sha256": "1"]] }
            == "files: '../../etc/passwd' 不是版本文件夹内的路径")
        #expect(try problem { $0["files"] = [["path": "/etc/passwd", "title": "", "bytes": 1, "sha256": "1"]] }
            == "files: '/etc/passwd' 不是版本文件夹内的路径")
    }
}
