import Foundation
import GongkaiCore

/// Checks a published release: every file against its manifest hash, then a fresh rendering from
/// the store against the same hashes, so a file that was altered, or figures that no longer follow
/// from the data, are both found; and the office's signature of the manifest (`signature(of:)`).
public struct Verifier: Sendable {
    public let publisher: Publisher
    /// The office's public key as configured where verify runs (`SigningKeyLocation`): a signed
    /// release must be signed with it, and an unsigned release is a problem when there is one.
    public let officeKey: OfficePublicKey?

    public init(publisher: Publisher, officeKey: OfficePublicKey? = nil) {
        self.publisher = publisher; self.officeKey = officeKey
    }

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
        /// What is wrong with the release's signature: missing, not verifying, another key's.
        public let signatureProblems: [String]
        public var passed: Bool {
            altered.isEmpty && notReproduced.isEmpty && unexpected.isEmpty && manifestProblems.isEmpty && signatureProblems.isEmpty
        }
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
        if recorded != (try manifest.encoded()) { manifestProblems.append("manifest.json 不是 gongkai 写出的格式（被编辑或重新排版过）") }
        let (releaseKey, signatureProblems) = signature(of: manifest, bytes: recorded, in: directory)
        let context = try PublicationContext(store: publisher.store, templates: publisher.templates)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-verify-\(UUID().uuidString)")
        try FileSystemError.performing("创建临时文件夹", scratch.path) {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let options = Publisher.Options(month: month, channel: manifest.channel, splitByTownship: manifest.splitByTownship,
                                        output: scratch)
        let fresh = try publisher.render(options, release: manifest.release, date: date, supersedes: manifest.supersedes,
                                         withheldBefore: manifest.withheld ?? [], publicKey: releaseKey,
                                         context: context, guardian: try publisher.guardian(for: options, context: context),
                                         into: scratch).manifest
        if (try fresh.encoded()) != recorded, manifestProblems.isEmpty, manifest.inputs == fresh.inputs {
            manifestProblems.append("manifest.json 与 gongkai 为该版本写出的清单不同（标题、大小或不公布的条目）")
        }
        let freshHashes = Dictionary(fresh.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let notReproduced = manifest.files.filter { freshHashes[$0.path] != $0.sha256 }.map(\.path)
            + fresh.files.filter { f in !manifest.files.contains { $0.path == f.path } }.map { "\($0.path)（现在会被发布）" }
        return Report(manifest: manifest, altered: altered, notReproduced: notReproduced,
                      inputChanges: manifest.differences(from: Manifest.Inputs(generator: publisher.generator,
                                                                              context: context, options: options,
                                                                              publicKey: releaseKey)),
                      unexpected: unexpected, manifestProblems: manifestProblems, signatureProblems: signatureProblems)
    }

    /// Checks manifest.json.sig: made by the public key the release publishes, whose fingerprint
    /// the manifest records, over exactly `bytes` (manifest.json as it is on disk), and with the
    /// office's key where one is configured. Returns the release's public key when it matches the
    /// recorded fingerprint (the fresh rendering publishes it again), and the problems found.
    func signature(of manifest: Manifest, bytes: Data, in directory: URL) -> (OfficePublicKey?, [String]) {
        let signature = FileManager.default.contents(atPath: directory.appendingPathComponent(Manifest.signatureFileName).path)
        guard let fingerprint = manifest.signingKeySHA256 else {
            var problems: [String] = []
            if signature != nil {
                problems.append("有 \(Manifest.signatureFileName)，但 manifest.json 没有记录签名密钥（未签名的版本不应有签名）")
            }
            if let officeKey {
                problems.append("该版本未签名，但本机配置了本单位密钥 \(officeKey.fingerprint)：如果它是在生成密钥之前发布的，请重新签名发布（gongkai publish --supersede --reason …）")
            }
            return (nil, problems)
        }
        let keyPath = directory.appendingPathComponent(Manifest.publicKeyFileName).path
        let key: OfficePublicKey
        do {
            let data = try FileSystemError.performing("read", keyPath) { try Data(contentsOf: URL(fileURLWithPath: keyPath)) }
            key = try OfficePublicKey(pem: String(decoding: data, as: UTF8.self), file: keyPath)
        } catch {
            return (nil, ["该版本的公钥无法使用，因此无法核验签名：\(error)"])
        }
        guard key.fingerprint == fingerprint else {
            return (nil, ["\(Manifest.publicKeyFileName) 的指纹是 \(key.fingerprint)，但 manifest.json 记录的是 \(fingerprint)"])
        }
        var problems: [String] = []
        if let officeKey, officeKey != key {
            problems.append("该版本用密钥 \(fingerprint) 签名，不是本机配置的本单位密钥 \(officeKey.fingerprint)")
        }
        if let signature {
            if !key.isValidSignature(signature, for: bytes) {
                problems.append("\(Manifest.signatureFileName) 核验不通过：manifest.json（或签名）在本单位签名后被改动过")
            }
        } else {
            problems.append("缺少 \(Manifest.signatureFileName)：manifest.json 记录了签名密钥 \(fingerprint)，该版本必须带有签名")
        }
        return (key, problems)
    }
}
