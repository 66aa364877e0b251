import Foundation

/// The caller-identity key on disk: 32 random bytes in base64 under a comment line, in a file only its
/// owner may read (mode 0600), kept apart from the database (default ~/.config/gongkai/, see
/// `CallerIdentityKeyLocation`). Whoever has both the database and this file can read every caller;
/// whoever loses this file loses every caller's identity for good — back it up, offline.
public enum CallerIdentityKeyFile {
    static let header = "# gongkai caller-identity key (AES-256). Secret: never share or publish it; back it up offline.\n"

    /// Makes a new key at `path`. Never overwrites (O_EXCL); folders made with mode 0700.
    /// `forbidden`: folders the key must not be in (the output folder, templates/).
    public static func create(at path: String, forbidden: [String]) throws -> CallerIdentityCipher {
        try OfficeKeyFile.refuseInside(forbidden, path: path, action: "use the caller-identity key", remedy: remedy)
        if FileManager.default.fileExists(atPath: path) {
            throw FileSystemError(action: "create the caller-identity key", path: path, reason: "a file is already there",
                                  remedy: "a key is never overwritten: the callers stored so far open only with it", code: EEXIST)
        }
        try OfficeKeyFile.makeFolder(for: path)
        var generator = SystemRandomNumberGenerator()
        let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let cipher = try cipher(secret, path: path)
        try OfficeKeyFile.write(header + secret.base64EncodedString() + "\n", to: path, mode: 0o600)
        return cipher
    }

    /// Reads the key at `path`, refusing one that others may read.
    public static func read(_ path: String, forbidden: [String]) throws -> CallerIdentityCipher {
        try OfficeKeyFile.refuseInside(forbidden, path: path, action: "use the caller-identity key", remedy: remedy)
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileSystemError(errno: errno, action: "read the caller-identity key", path: path) }
        guard info.st_mode & 0o077 == 0 else {
            throw InputError(file: path, reason: "the caller-identity key may be read by others (mode \(String(info.st_mode & 0o777, radix: 8))): run chmod 600 \(path)")
        }
        let lines = try OfficeKeyFile.read(path).split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }
        guard lines.count == 1, let secret = Data(base64Encoded: String(lines[0]).trimmingCharacters(in: .whitespaces)) else {
            throw InputError(file: path, reason: "is not a gongkai caller-identity key (one line of base64 under a comment)")
        }
        return try cipher(secret, path: path)
    }

    private static func cipher(_ secret: Data, path: String) throws -> CallerIdentityCipher {
        do { return try CallerIdentityCipher(secret: secret) } catch { throw InputError(file: path, reason: error.description) }
    }

    static let remedy = "keep the caller-identity key outside the output folder (which is published) and templates/ (which is shared), e.g. ~/.config/gongkai/caller-identity.key, and give that path with --identity-key, $GONGKAI_IDENTITY_KEY or [identity] key_file in office.toml"
}
