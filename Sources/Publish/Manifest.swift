import Foundation
import GongkaiCore

/// manifest.json: what a release is and how to check it. Every file's SHA-256, and the inputs that
/// produced them (generator, data fingerprint, templates hash, channel, publication date).
public struct Manifest: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        public let path: String
        public let title: String
        public let bytes: Int
        public let sha256: String
    }

    public struct Supersession: Codable, Sendable, Equatable {
        public let release: Int
        public let reason: String
        /// What differs from the release this one supersedes: files and indicator values.
        public let changes: [String]
    }

    public let generator: String
    public let month: String
    public let release: Int
    public let channel: Channel
    public let splitByTownship: Bool
    public let publicationDate: String
    public let dataFingerprint: String
    public let definitionsVersion: String
    public let definitionsSHA256: String
    public let templatesSHA256: String
    public var files: [File]
    public var supersedes: Supersession?

    public static let fileName = "manifest.json"

    public static func read(from directory: URL) throws -> Manifest {
        let data = try Data(contentsOf: directory.appendingPathComponent(fileName))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    func encoded() throws -> Data { try stableJSON(self) }

    /// Whether a new publication from these inputs must reproduce this release byte for byte.
    func hasSameInputs(as other: Manifest) -> Bool {
        generator == other.generator && dataFingerprint == other.dataFingerprint
            && templatesSHA256 == other.templatesSHA256 && channel == other.channel
            && splitByTownship == other.splitByTownship
    }
}

/// SHA-256 over every file in templates/ (sorted relative paths and contents), so a release records
/// exactly which texts, layouts and definitions made it.
enum TemplatesHash {
    static func compute(_ directory: String) throws -> String {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return Digest.sha256Hex("")
        }
        var files: [(String, URL)] = []
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append((String(url.standardizedFileURL.path.dropFirst(root.path.count)), url))
        }
        var hasher = Digest.Hasher()
        for (path, url) in files.sorted(by: { $0.0 < $1.0 }) {
            hasher.update("\(path)\n")
            hasher.update(try Data(contentsOf: url))
        }
        return hasher.finalizeHex()
    }
}
