import Foundation
import GongkaiCore

/// Where the office's private key is: `--key`, else `$GONGKAI_KEY`, else `[signing] private_key` in
/// templates/office.toml (shipped as ~/.config/gongkai/office-ed25519.pem: in the office account's
/// home, away from the database, the output folder and templates/, which are copied and shared).
///
/// A key named on the command line or in the environment must exist: publishing was asked to sign.
/// The office.toml default may be absent (an office that has not made its key yet): the release is
/// then published unsigned, and its index page says so.
public struct SigningKeyLocation: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case flag, environment, officeSettings

        var words: String {
            switch self {
            case .flag: "--key"
            case .environment: "环境变量 GONGKAI_KEY"
            case .officeSettings: "templates/office.toml 中的 [signing] private_key"
            }
        }
    }

    public let path: String
    public let source: Source

    /// The location in force, or nil when none is configured. "~/" is expanded with `$HOME`.
    public static func resolve(flag: String?, environment: [String: String], office: OfficeSettings?) -> SigningKeyLocation? {
        let chosen: (String, Source)? =
            if let flag, !flag.isEmpty { (flag, .flag) }
            else if let env = environment["GONGKAI_KEY"], !env.isEmpty { (env, .environment) }
            else if let path = office?.signingKeyPath { (path, .officeSettings) }
            else { nil }
        guard let (path, source) = chosen else { return nil }
        if path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
            return SigningKeyLocation(path: (home as NSString).appendingPathComponent(String(path.dropFirst(2))), source: source)
        }
        return SigningKeyLocation(path: path, source: source)
    }

    /// Whether the key file is there; an absent key named by `--key` or `$GONGKAI_KEY` is an error.
    func exists() throws -> Bool {
        if FileManager.default.fileExists(atPath: path) { return true }
        guard source == .officeSettings else {
            throw FileSystemError(action: "读取本单位密钥", path: path, reason: "该位置没有文件（由 \(source.words) 指定）",
                                  remedy: "请用 gongkai keys init --key \(path) 生成本单位密钥，或给出已有密钥的路径",
                                  code: ENOENT)
        }
        return false
    }

    /// The private key that signs releases, or nil when the office.toml default does not exist yet.
    /// `forbidden`: the output folder and templates/, where a private key must never be.
    public func signingKey(forbidden: [String]) throws -> OfficeSigningKey? {
        try exists() ? try OfficeKeyFile.readPrivate(path, forbidden: forbidden) : nil
    }

    /// The office's public key (from its private or public key file), which `verify` expects a
    /// release to be signed with; nil when the office.toml default does not exist.
    public func publicKey() throws -> OfficePublicKey? {
        try exists() ? try OfficeKeyFile.readPublic(path) : nil
    }

    /// The note printed when publishing with no key configured at all.
    public static let unconfiguredNote =
        "没有配置本单位密钥（--key、环境变量 GONGKAI_KEY、templates/office.toml 中的 [signing] private_key）：本次发布不带签名，索引页会注明"

    /// The note printed when publishing without a key.
    public var absentNote: String {
        "\(path) 没有本单位密钥（\(source.words)）：本次发布不带签名，索引页会注明；请用 gongkai keys init 生成密钥"
    }
}
