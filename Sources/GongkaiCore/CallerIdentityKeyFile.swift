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
        try OfficeKeyFile.refuseInside(forbidden, path: path, action: "使用来电人身份密钥", remedy: remedy)
        if FileManager.default.fileExists(atPath: path) {
            throw FileSystemError(action: "创建来电人身份密钥", path: path, reason: "该位置已有文件",
                                  remedy: "密钥从不覆盖：已保存的来电人信息只能用它解开", code: EEXIST)
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
        try OfficeKeyFile.refuseInside(forbidden, path: path, action: "使用来电人身份密钥", remedy: remedy)
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileSystemError(errno: errno, action: "读取来电人身份密钥", path: path) }
        guard info.st_mode & 0o077 == 0 else {
            throw InputError(file: path, reason: "来电人身份密钥可被他人读取（权限 \(String(info.st_mode & 0o777, radix: 8))）：请运行 chmod 600 \(path)")
        }
        let lines = try OfficeKeyFile.read(path).split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }
        guard lines.count == 1, let secret = Data(base64Encoded: String(lines[0]).trimmingCharacters(in: .whitespaces)) else {
            throw InputError(file: path, reason: "不是 gongkai 的来电人身份密钥（应为一行注释下的一行 base64）")
        }
        return try cipher(secret, path: path)
    }

    private static func cipher(_ secret: Data, path: String) throws -> CallerIdentityCipher {
        do { return try CallerIdentityCipher(secret: secret) } catch { throw InputError(file: path, reason: error.description) }
    }

    static let remedy = "请把来电人身份密钥放在输出文件夹（会被公开）和 templates/（会被共享）之外，如 ~/.config/gongkai/caller-identity.key，并用 --identity-key、环境变量 GONGKAI_IDENTITY_KEY 或 office.toml 中的 [identity] key_file 指定该路径"
}
