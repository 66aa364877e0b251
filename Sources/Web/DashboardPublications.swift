import Foundation
import GongkaiCore
import Publish

/// The month's published PDFs and pages, for the dashboard: the files of its latest release in
/// --output (release 1 in output/YYYY-MM, later ones in rN/), with the titles its manifest gives,
/// linked under /publications/ (`PublicationRoutes`, which checks every path again when it serves).
/// Nothing when the month is not published, or its manifest cannot be read.
struct DashboardPublications {
    let output: String
    let month: YearMonth

    struct Link {
        let title: String
        let path: String
    }

    /// The latest release's folder, relative to the month's ("" or "rN/").
    func latestRelease() -> (folder: String, manifest: Manifest)? {
        let monthDirectory = URL(fileURLWithPath: output).appendingPathComponent(month.description)
        guard let first = try? Manifest.read(from: monthDirectory) else { return nil }
        var best = (folder: "", manifest: first)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: monthDirectory.path)) ?? []
        for name in names where name.count > 1 && name.hasPrefix("r") && name.dropFirst().allSatisfy({ ("0"..."9").contains($0) }) {
            guard let manifest = try? Manifest.read(from: monthDirectory.appendingPathComponent(name)),
                  manifest.release > best.manifest.release else { continue }
            best = (name + "/", manifest)
        }
        return best
    }

    /// The month's page and every PDF and HTML file of the latest release, in the manifest's order.
    var links: [Link] {
        guard let release = latestRelease() else { return [] }
        let base = PublicationRoutes.prefix + "/\(month.description)/\(release.folder)"
        let files = release.manifest.files.filter { $0.path.hasSuffix(".pdf") || ($0.path.hasSuffix(".html") && $0.path != "index.html") }
        return [Link(title: "\(month.chinese)发布页（第 \(release.manifest.release) 版）", path: base)]
            + files.map { file in
                let path = file.path.split(separator: "/").map {
                    String($0).addingPercentEncoding(withAllowedCharacters: AuditRoutes.Filters.unreserved) ?? ""
                }.joined(separator: "/")
                return Link(title: "\(file.title)（\(file.path.hasSuffix(".pdf") ? "PDF" : "网页")）", path: base + path)
            }
    }
}
