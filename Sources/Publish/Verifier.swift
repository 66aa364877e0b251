import Foundation
import GongkaiCore

/// Checks a published release: every file against its manifest hash, then a fresh rendering from
/// the store against the same hashes, so a file that was altered, or figures that no longer follow
/// from the data, are both found.
public struct Verifier: Sendable {
    public let publisher: Publisher

    public init(publisher: Publisher) { self.publisher = publisher }

    public struct Report: Sendable {
        public let manifest: Manifest
        /// Files whose bytes differ from the manifest (or are missing).
        public let altered: [String]
        /// Files the store and templates no longer reproduce.
        public let notReproduced: [String]
        /// Why they may not reproduce (the data or templates changed since publication).
        public let inputChanges: [String]
        /// Entries in the release folder that are not its files: extra files and folders, dotfiles,
        /// symbolic links, special files.
        public let unexpected: [String]
        /// manifest.json differs from what gongkai writes for this release (edited or reformatted).
        public let manifestProblems: [String]
        public var passed: Bool { altered.isEmpty && notReproduced.isEmpty && unexpected.isEmpty && manifestProblems.isEmpty }
    }

    /// Verifies without writing anything to the store: the store may be opened read-only. The fresh
    /// rendering goes to a scratch folder under the system's temporary folder, removed at the end.
    public func verify(_ directory: URL) throws -> Report {
        let manifestPath = directory.appendingPathComponent(Manifest.fileName).path
        let manifest = try Manifest.read(from: directory)
        let (month, date) = try manifest.publication(file: manifestPath)
        var altered: [String] = []
        for file in manifest.files {
            let url = directory.appendingPathComponent(file.path)
            guard let data = FileManager.default.contents(atPath: url.path) else { altered.append("\(file.path) (missing)"); continue }
            if Digest.sha256Hex(data) != file.sha256 { altered.append(file.path) }
        }
        let unexpected = try ReleaseContents.unexpected(in: directory, listed: manifest.files.map(\.path),
                                                        laterReleases: manifest.release == 1)
        // The manifest must be exactly what gongkai writes for it: a reformatted or edited manifest
        // (a title, a size) is a difference, even when its hashes still match the files.
        var manifestProblems: [String] = []
        let recorded = try FileSystemError.performing("read", manifestPath) { try Data(contentsOf: URL(fileURLWithPath: manifestPath)) }
        if recorded != (try manifest.encoded()) { manifestProblems.append("manifest.json is not in the form gongkai writes (edited or reformatted)") }
        let context = try PublicationContext(store: publisher.store, templates: publisher.templates)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-verify-\(UUID().uuidString)")
        try FileSystemError.performing("create the scratch folder", scratch.path) {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let options = Publisher.Options(month: month, channel: manifest.channel, splitByTownship: manifest.splitByTownship,
                                        output: scratch)
        let fresh = try publisher.render(options, release: manifest.release, date: date, supersedes: manifest.supersedes,
                                         withheldBefore: manifest.withheld ?? [], context: context, into: scratch).manifest
        if (try fresh.encoded()) != recorded, manifestProblems.isEmpty, manifest.inputs == fresh.inputs {
            manifestProblems.append("manifest.json differs from the manifest gongkai writes for this release (titles, sizes or withheld entries)")
        }
        let freshHashes = Dictionary(fresh.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let notReproduced = manifest.files.filter { freshHashes[$0.path] != $0.sha256 }.map(\.path)
            + fresh.files.filter { f in !manifest.files.contains { $0.path == f.path } }.map { "\($0.path) (would now be published)" }
        return Report(manifest: manifest, altered: altered, notReproduced: notReproduced,
                      inputChanges: manifest.differences(from: Manifest.Inputs(generator: publisher.generator,
                                                                              context: context, options: options)),
                      unexpected: unexpected, manifestProblems: manifestProblems)
    }
}
