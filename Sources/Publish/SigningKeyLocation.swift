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
            case .environment: "$GONGKAI_KEY"
            case .officeSettings: "[signing] private_key in templates/office.toml"
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
            throw FileSystemError(action: "read the office key", path: path, reason: "there is no file there (named by \(source.words))",
                                  remedy: "make the office's key with gongkai keys init --key \(path), or give the path of the existing key",
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
        "no office key is configured (--key, $GONGKAI_KEY, [signing] private_key in templates/office.toml): the release is published unsigned and its index page says so"

    /// The note printed when publishing without a key.
    public var absentNote: String {
        "no office key at \(path) (\(source.words)): the release is published unsigned and its index page says so; make the key with gongkai keys init"
    }
}
