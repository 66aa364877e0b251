import Foundation
import GongkaiCore

/// Finding a month's latest release and describing what a new one changes.
enum Releases {
    struct Release {
        let directory: URL
        let manifest: Manifest
    }

    /// The highest-numbered release in output/YYYY-MM (release 1 in the folder itself, later ones in rN/).
    static func latest(in monthDirectory: URL) throws -> Release? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: monthDirectory.path) else { return nil }
        guard fm.fileExists(atPath: monthDirectory.appendingPathComponent(Manifest.fileName).path) else {
            throw Publisher.Refusal.notARelease(monthDirectory)
        }
        var best = Release(directory: monthDirectory, manifest: try Manifest.read(from: monthDirectory))
        let names = try FileSystemError.performing("读取文件夹", monthDirectory.path) {
            try fm.contentsOfDirectory(atPath: monthDirectory.path)
        }
        // Later releases are r2/, r3/, …; a damaged manifest in one is an error, not a release skipped
        // (skipping it would make the next supersession collide with its folder).
        for name in names where name.hasPrefix("r") && name.dropFirst().allSatisfy({ ("0"..."9").contains($0) }) && name.count > 1 {
            let dir = monthDirectory.appendingPathComponent(name)
            guard fm.fileExists(atPath: dir.appendingPathComponent(Manifest.fileName).path) else { continue }
            let manifest = try Manifest.read(from: dir)
            if manifest.release > best.manifest.release { best = Release(directory: dir, manifest: manifest) }
        }
        return best
    }

    /// Files added, removed or changed, and indicator values that differ between two releases.
    static func changes(from old: Release, to new: Manifest, staging: URL) -> [String] {
        var out: [String] = []
        let before = Dictionary(old.manifest.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        for path in after.keys.sorted() where before[path] == nil { out.append("added \(path)") }
        for path in before.keys.sorted() where after[path] == nil { out.append("removed \(path)") }
        for path in after.keys.sorted() where before[path] != nil && before[path] != after[path] { out.append("changed \(path)") }
        if let oldRows = try? indicatorValues(old.directory), let newRows = try? indicatorValues(staging) {
            for (key, value) in newRows.sorted(by: { $0.key < $1.key }) where oldRows[key] != value {
                out.append("indicator \(key): \(oldRows[key] ?? "—") → \(value)")
            }
        }
        return out
    }

    /// indicator|programme|township → value as written, from a release's indicators.json (values are
    /// numbers, null or, in releases before numbers, strings).
    private static func indicatorValues(_ directory: URL) throws -> [String: String] {
        let data = try Data(contentsOf: directory.appendingPathComponent("indicators.json"))
        guard let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [:] }
        func text(_ value: Any?) -> String {
            switch value {
            case let s as String: s
            case let n as NSNumber: n.stringValue
            default: ""
            }
        }
        var out: [String: String] = [:]
        for r in rows { out["\(text(r["indicator"]))|\(text(r["programme"]))|\(text(r["township"]))"] = text(r["value"]) }
        return out
    }
}
