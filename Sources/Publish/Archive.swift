import Foundation
import GongkaiCore
import HTML

/// output/index.html: the archive of every month published into an output folder and each of its
/// releases, with a superseded release's replacement and reason, read from the releases' manifests.
///
/// It is rebuilt after every publication, from the folders alone (no clock, months newest first,
/// releases in order), so the same releases always give the same bytes. It lies outside every
/// release, so it is no part of any manifest; it is checked by the guard and written atomically.
enum Archive {
    static let fileName = "index.html"

    /// Rebuilds `output`/index.html. A month folder whose manifest cannot be read is an error naming
    /// it, not a month left out.
    static func write(output: URL, office: OfficeSettings, html: HTMLRenderer, guardian: PublicationGuard) throws {
        var fingerprints = Set<String>()
        let months = try months(in: output) { fingerprints.insert($0) }
        let page = ArchivePage(
            title: "\(office.district)社会救助信息公开档案", office: office.name,
            introduction: "本页列出\(office.name)已公布的各月社会救助信息及其各版本。同一月份的信息更正时发布新版本，旧版本保留不改，并注明被取代的原因。",
            months: months, signature: signingNote(fingerprints.sorted()))
        let text = try html.render(page)
        let path = output.appendingPathComponent(fileName).path
        try guardian.check(text: PublicationGuard.visibleText(ofHTML: text), label: path)
        try OutputFile.write(Data(text.utf8), to: path)
    }

    /// Which keys signed the archived releases: readers compare the fingerprint with the one the office
    /// publishes elsewhere (each release's index page says whether it is signed).
    static func signingNote(_ fingerprints: [String]) -> String {
        guard !fingerprints.isEmpty else { return "档案中的各版本均未签名。" }
        return "各版本的 manifest.json 由本局以 Ed25519 密钥签名（manifest.json.sig），签名公钥的 SHA-256 指纹："
            + fingerprints.joined(separator: "；") + "。未签名的版本在其目录页中注明。"
    }

    /// The month folders (YYYY-MM, holding a manifest) newest first, each with its releases; `signedBy`
    /// is told each release's signing-key fingerprint.
    static func months(in output: URL, signedBy: (String) -> Void = { _ in }) throws -> [ArchivePage.Month] {
        let fm = FileManager.default
        let names = try FileSystemError.performing("读取文件夹", output.path) { try fm.contentsOfDirectory(atPath: output.path) }
        var months: [ArchivePage.Month] = []
        for name in names.sorted(by: >) {
            guard case .success(let month) = YearMonth.parse(name), month.description == name else { continue }
            let folder = output.appendingPathComponent(name)
            guard fm.fileExists(atPath: folder.appendingPathComponent(Manifest.fileName).path) else { continue }
            var releases: [(href: String, manifest: Manifest, file: String)] = [
                ("\(name)/index.html", try Manifest.read(from: folder), folder.appendingPathComponent(Manifest.fileName).path),
            ]
            let later = try FileSystemError.performing("读取文件夹", folder.path) { try fm.contentsOfDirectory(atPath: folder.path) }
            for sub in later where ReleaseContents.isLaterRelease(sub, in: folder) {
                let directory = folder.appendingPathComponent(sub)
                releases.append(("\(name)/\(sub)/index.html", try Manifest.read(from: directory),
                                 directory.appendingPathComponent(Manifest.fileName).path))
            }
            releases.sort { $0.manifest.release < $1.manifest.release }
            for release in releases { if let key = release.manifest.signingKeySHA256 { signedBy(key) } }
            months.append(ArchivePage.Month(month: month, releases: try releases.map { release throws in
                let successor = releases.first { $0.manifest.supersedes?.release == release.manifest.release }
                return ArchivePage.Release(
                    number: release.manifest.release, href: release.href,
                    date: try release.manifest.publication(file: release.file).date, files: release.manifest.files.count,
                    supersedes: release.manifest.supersedes.map { ($0.release, $0.reason) },
                    supersededBy: successor.flatMap { s in s.manifest.supersedes.map { (s.manifest.release, $0.reason) } })
            }))
        }
        return months
    }
}
