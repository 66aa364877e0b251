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
        /// The document's 索引号 and 文号 in the 政府信息公开目录 (nil for data files, and for releases
        /// published before catalogue entries existed).
        public var indexNumber: String? = nil
        public var documentNumber: String? = nil
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
    /// The positions the release's disclosure rule withheld (`Disclosure.manifestKeys`: names of
    /// table entries, never values), so a release superseding this one withholds them too.
    public var withheld: [String]?
    /// The fingerprint (SHA-256 of the DER) of the office public key that signs this release, which
    /// the release publishes as `publicKeyFileName`; nil for a release published unsigned.
    public let signingKeySHA256: String?
    /// 发布机构 and 主题分类 of every document's catalogue entry (`ReleaseCatalogue`); the 发文日期 is
    /// `publicationDate`. Nil in releases published before catalogue entries existed.
    public var publisher: String?
    public var category: String?

    public static let fileName = "manifest.json"
    /// The office's signature of manifest.json, beside it (see `gongkai keys`): the raw 64-byte
    /// Ed25519 signature of manifest.json's bytes, as `openssl pkeyutl -sign -rawin` writes it. The
    /// manifest cannot list it (it signs the manifest); it lists the public key instead.
    public static let signatureFileName = "manifest.json.sig"
    /// The office's public key, published in every signed release and listed in its manifest.
    public static let publicKeyFileName = "office-key.pub.pem"

    /// Reads and checks a release's manifest. A manifest is input (it may have been edited, or
    /// damaged): every problem is an error naming the file, never a trap later on.
    public static func read(from directory: URL) throws -> Manifest {
        let path = directory.appendingPathComponent(fileName).path
        let data = try FileSystemError.performing("read", path) { try Data(contentsOf: URL(fileURLWithPath: path)) }
        let manifest: Manifest
        do { manifest = try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw InputError(file: path, reason: "不是 gongkai 清单：\(Self.decodingProblem(error))")
        }
        _ = try manifest.publication(file: path)
        guard (1...maximumRelease).contains(manifest.release) else {
            throw InputError(file: path, field: "release", reason: "\(manifest.release) 不是版本号（1–\(maximumRelease)）")
        }
        var seen = Set<String>()
        for file in manifest.files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw InputError(file: path, field: "files", reason: "'\(file.path)' 不是版本文件夹内的路径")
            }
            guard seen.insert(file.path).inserted else {
                throw InputError(file: path, field: "files", reason: "'\(file.path)' 列出了两次")
            }
        }
        return manifest
    }

    /// Releases of one month are numbered 1, 2, …; a bound keeps `release + 1` far from overflow.
    static let maximumRelease = 9999

    /// The month and publication date the manifest records, checked as any date from outside.
    func publication(file: String) throws(InputError) -> (month: YearMonth, date: CivilDate) {
        let parsedMonth: YearMonth, parsedDate: CivilDate
        switch YearMonth.parse(month) {
        case .success(let m): parsedMonth = m
        case .failure(let problem): throw InputError(file: file, field: "month", reason: "'\(month)' \(problem)")
        }
        switch CivilDate.parse(publicationDate) {
        case .success(let d): parsedDate = d
        case .failure(let problem): throw InputError(file: file, field: "publicationDate", reason: "'\(publicationDate)' \(problem)")
        }
        return (parsedMonth, parsedDate)
    }

    /// JSONDecoder's error in a few words: which key is missing or of the wrong kind.
    private static func decodingProblem(_ error: any Error) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "" : "（位置 \(path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "."))）"
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context): return "缺少键 '\(key.stringValue)'\(at(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription.isEmpty ? "有值的格式不对" : "有值的格式不对（\(context.debugDescription)）")\(at(context.codingPath))"
        default: return "不是 JSON"
        }
    }

    func encoded() throws -> Data { try StableJSON.data(self) }

    /// What a release is made from. A publication from equal inputs must reproduce the release byte
    /// for byte; different inputs need a superseding release.
    struct Inputs: Equatable {
        let generator: String
        let dataFingerprint: String
        let definitionsVersion: String
        let definitionsSHA256: String
        let templatesSHA256: String
        let channel: Channel
        let splitByTownship: Bool
        /// The signing key's fingerprint: a release made with another key (or none) is another release.
        let signingKeySHA256: String?
    }

    var inputs: Inputs {
        Inputs(generator: generator, dataFingerprint: dataFingerprint, definitionsVersion: definitionsVersion,
               definitionsSHA256: definitionsSHA256, templatesSHA256: templatesSHA256, channel: channel,
               splitByTownship: splitByTownship, signingKeySHA256: signingKeySHA256)
    }

    init(_ inputs: Inputs, month: YearMonth, release: Int, publicationDate: CivilDate, files: [File],
         supersedes: Supersession?, withheld: [String], publisher: String, category: String) {
        self.publisher = publisher; self.category = category
        generator = inputs.generator; dataFingerprint = inputs.dataFingerprint
        definitionsVersion = inputs.definitionsVersion; definitionsSHA256 = inputs.definitionsSHA256
        templatesSHA256 = inputs.templatesSHA256; channel = inputs.channel; splitByTownship = inputs.splitByTownship
        signingKeySHA256 = inputs.signingKeySHA256
        self.month = month.description; self.release = release; self.publicationDate = publicationDate.description
        self.files = files; self.supersedes = supersedes; self.withheld = withheld
    }

    /// Why a publication from `other` would differ from this release, in words.
    func differences(from other: Inputs) -> [String] {
        var out: [String] = []
        if dataFingerprint != other.dataFingerprint { out.append("此后数据有变化（导入或投诉受理台）") }
        if templatesSHA256 != other.templatesSHA256 { out.append("此后 templates/ 有变化") }
        if generator != other.generator { out.append("它由 \(generator) 生成，现在是 \(other.generator)") }
        if channel != other.channel { out.append("它是为 \(channel.rawValue) 渠道发布的，而不是 \(other.channel.rawValue)") }
        if splitByTownship != other.splitByTownship { out.append("--split township 不同") }
        if signingKeySHA256 != other.signingKeySHA256 {
            func key(_ fingerprint: String?) -> String { fingerprint.map { "本单位密钥 \($0)" } ?? "无密钥（未签名）" }
            out.append("它的签名用的是\(key(signingKeySHA256))，本次签名用的是\(key(other.signingKeySHA256))")
        }
        return out
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
            hasher.update(try FileSystemError.performing("read", url.path) { try Data(contentsOf: url) })
        }
        return hasher.finalizeHex()
    }
}
