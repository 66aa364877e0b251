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
        #expect(throws: FileSystemError(errno: ENOSPC, action: "write", path: "/dev/full")) { try file.close() }
        #expect(FileSystemError(errno: ENOSPC, action: "write", path: "/dev/full").description
            == "cannot write /dev/full: the disk is full; free some space, or choose a folder on another disk, and run the command again")
    }

    @Test func aPDFWrittenToAFullDiskIsAnErrorNotATruncatedFile() throws {
        let document = Document(metadata: DocumentMetadata(title: "测试", office: "原州区民政局",
                                                           publicationDate: CivilDate(year: 2026, month: 11, day: 5)!),
                                blocks: [.paragraph(Paragraph("全文写入才算成功。"))])
        let file = try OutputFile(path: "/dev/full")
        #expect(throws: FileSystemError(errno: ENOSPC, action: "write", path: "/dev/full")) {
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
            try FileSystemError.performing("create the folder", long) {
                try FileManager.default.createDirectory(atPath: long, withIntermediateDirectories: true)
            }
            Issue.record("a 300-byte name was accepted")
        } catch let error as FileSystemError {
            #expect(error.code == ENAMETOOLONG)
            #expect(error.description == "cannot create the folder \(long): a name in the path is too long for the file system (at most 255 bytes per name); choose a shorter path and run the command again")
        }
        let file = dir.appendingPathComponent("file")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data()))
        let inside = file.appendingPathComponent("sub").path
        #expect(throws: FileSystemError(errno: ENOTDIR, action: "read", path: inside)) {
            try FileSystemError.performing("read", inside) { _ = try Data(contentsOf: URL(fileURLWithPath: inside)) }
        }
        // Other errors pass through as they are.
        struct Other: Error, Equatable {}
        #expect(throws: Other()) { try FileSystemError.performing("read", inside) { throw Other() } }
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
        #expect(try problem { $0["release"] = nil } == "is not a gongkai manifest: the key 'release' is missing")
        #expect(try problem { $0["release"] = 1e30 }?.hasPrefix("is not a gongkai manifest:") == true)
        #expect(try problem { $0["release"] = Int.max } == "release: \(Int.max) is not a release number (1–9999)")
        #expect(try problem { $0["release"] = 0 } == "release: 0 is not a release number (1–9999)")
        #expect(try problem { $0["publicationDate"] = "0999-11-05" } == "publicationDate: '0999-11-05' has the year 999, outside 1949–2100")
        #expect(try problem { $0["publicationDate"] = "2026-02-30" } == "publicationDate: '2026-02-30' is not a real date")
        #expect(try problem { $0["month"] = "26-10" } == "month: '26-10' is not a month (YYYY-MM)")
        #expect(try problem { $0["channel"] = "radio" }?.hasPrefix("is not a gongkai manifest:") == true)
        #expect(try problem { json in
            json["files"] = [["path": "a.pdf", "title": "", "bytes": 1, "sha256": "1"],
                             ["path": "a.pdf", "title": "", "bytes": 1, "sha256": "2"]]
        } == "files: 'a.pdf' is listed twice")
        #expect(try problem { $0["files"] = [["path": "../../etc/passwd", "title": "", "bytes": 1, "sha256": "1"]] }
            == "files: '../../etc/passwd' is not a path inside the release folder")
        #expect(try problem { $0["files"] = [["path": "/etc/passwd", "title": "", "bytes": 1, "sha256": "1"]] }
            == "files: '/etc/passwd' is not a path inside the release folder")
    }
}
