import Foundation
import GongkaiCore
import Testing

/// Real file-system conditions for the end-to-end tests: a full disk, a read-only folder. Root
/// ignores file modes, so as root the tests mount (a small tmpfs, a read-only bind mount); an
/// account that cannot mount gets the same failure another way (a file-size limit, file modes, or
/// running the binary as `nobody`), so no test is skipped.
enum FileSystemFixtures {
    static var isRoot: Bool { getuid() == 0 }

    @discardableResult
    static func command(_ args: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A folder whose disk holds `kilobytes` (a tmpfs), when this account may mount.
    static func mountTinyDisk(at dir: URL, kilobytes: Int) -> Bool {
        isRoot && command(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", dir.path]) == 0
    }

    /// Makes `dir` read-only as a disk is: a read-only bind mount, when this account may mount.
    static func mountReadOnly(_ dir: URL) -> Bool {
        guard isRoot, command(["mount", "--bind", dir.path, dir.path]) == 0 else { return false }
        guard command(["mount", "-o", "remount,bind,ro", dir.path]) == 0 else {
            unmount(dir)
            return false
        }
        return true
    }

    static func unmount(_ dir: URL) { command(["umount", dir.path]) }

    /// Runs the binary with writes limited to `kilobytes` per file (SIGXFSZ ignored, so a write past
    /// the limit fails with EFBIG instead of killing the process): a full disk for one file.
    static func fileSizeLimit(kilobytes: Int) -> [String] {
        ["/bin/sh", "-c", "trap '' XFSZ; ulimit -f \(kilobytes * 2); exec \"$0\" \"$@\""]
    }

    /// Runs the binary as `nobody`, for whom file modes count (root ignores them).
    static let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    /// Every file under `dir`, by path relative to it.
    static func files(in dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out[String(url.standardizedFileURL.path.dropFirst(dir.standardizedFileURL.path.count + 1))] = FileManager.default.contents(atPath: url.path)
        }
        return out
    }

    /// Every entry under `output` is a complete release: a month folder whose manifest.json lists
    /// exactly the files it holds, each with its SHA-256. No unfinished or unchecked file is there.
    static func expectOnlyCompleteReleases(_ output: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [] {
            // output/index.html is the archive of months (outside every release), rebuilt atomically
            // once a release is in place: it must be whole.
            if name == "index.html" {
                let archive = (try? String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)) ?? ""
                #expect(archive.hasSuffix("</html>\n"), "output/index.html is not a whole page", sourceLocation: sourceLocation)
                continue
            }
            let month = output.appendingPathComponent(name)
            let present = files(in: month)
            guard let data = present["manifest.json"],
                  let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let listed = manifest["files"] as? [[String: Any]] else {
                Issue.record("output/\(name) is not a complete release: \(present.keys.sorted())", sourceLocation: sourceLocation)
                continue
            }
            var hashes: [String: String] = [:]
            for file in listed { if let path = file["path"] as? String { hashes[path] = file["sha256"] as? String } }
            for (path, data) in present where path != "manifest.json" {
                #expect(hashes[path] == Digest.sha256Hex(data), "output/\(name)/\(path) is not a file of the release",
                        sourceLocation: sourceLocation)
            }
            #expect(present.count == hashes.count + 1, "output/\(name) lacks files its manifest lists", sourceLocation: sourceLocation)
        }
    }
}
