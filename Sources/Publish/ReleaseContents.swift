import Foundation
import GongkaiCore

/// What a release folder holds besides the files its manifest lists. A release is exactly its
/// manifest's files: an added page (`extra.html` with a script), a `.htaccess`, a subfolder, a
/// symbolic link (even to identical bytes: it can be repointed later) or a special file is tampering.
enum ReleaseContents {
    /// Each unexpected entry, as "path: what it is". `laterReleases`: the month folder of release 1
    /// also holds r2/, r3/ … (each a release of its own, verified on its own).
    static func unexpected(in directory: URL, listed: [String], laterReleases: Bool) throws -> [String] {
        let fm = FileManager.default
        let listedFiles = Set(listed + [Manifest.fileName, Manifest.signatureFileName])
        let listedFolders = Set(listed.flatMap { path -> [String] in
            let parts = path.split(separator: "/").map(String.init)
            return (1..<max(parts.count, 1)).map { parts[0..<$0].joined(separator: "/") }
        })
        var problems: [String] = []
        func walk(_ relative: String) throws {
            let folder = relative.isEmpty ? directory : directory.appendingPathComponent(relative)
            let names = try FileSystemError.performing("读取文件夹", folder.path) {
                try fm.contentsOfDirectory(atPath: folder.path)
            }
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(directory.appendingPathComponent(path).path, &info) == 0 else {
                    problems.append("\(path)：无法检查"); continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFLNK: problems.append("\(path)：是符号链接，不是发布的文件")
                case S_IFDIR:
                    if relative.isEmpty, laterReleases, isLaterRelease(name, in: directory) { continue }
                    if listedFolders.contains(path) { try walk(path) } else { problems.append("\(path)/：清单中没有列出的文件夹") }
                case S_IFREG:
                    if !listedFiles.contains(path) {
                        problems.append("\(path)：清单中没有列出的文件" + staffDocumentNote(directory.appendingPathComponent(path)))
                    }
                default: problems.append("\(path)：特殊文件")
                }
            }
        }
        try walk("")
        return problems
    }

    /// r2, r3, …: a later release's folder, recognised by its name and its own manifest.
    static func isLaterRelease(_ name: String, in directory: URL) -> Bool {
        name.count > 1 && name.hasPrefix("r") && name.dropFirst().allSatisfy { ("0"..."9").contains($0) }
            && FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).appendingPathComponent(Manifest.fileName).path)
    }

    /// What the publication guard says of a stray file that is a staff document of data matching
    /// (a verifier's worksheet or 核查单 copied into a release folder): it must go at once.
    static func staffDocumentNote(_ url: URL) -> String {
        guard let text = try? PublicationGuard.text(of: url), StaffDocument.isMarked(text) else { return "" }
        return "，而且是\(PersonalDataKind.staffDocument)：发布检查拒绝此文件，请立即移出"
    }
}
