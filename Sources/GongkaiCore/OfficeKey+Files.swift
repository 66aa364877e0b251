import Foundation

/// The office key pair on disk: the private key in a file only its owner may read (mode 0600),
/// the public key beside it (`office-ed25519.pem` → `office-ed25519.pub.pem`).
public enum OfficeKeyFile {
    /// The public key's path for a private key's: ".pem" becomes ".pub.pem".
    public static func publicPath(for privatePath: String) -> String {
        privatePath.hasSuffix(".pem") ? String(privatePath.dropLast(4)) + ".pub.pem" : privatePath + ".pub.pem"
    }

    /// Makes a new key pair at `path` (and its public key beside it). The private key is created
    /// with O_EXCL and mode 0600, so an existing key is never overwritten and the key is never
    /// readable by others, not even for a moment. Missing folders are made with mode 0700.
    /// `forbidden`: folders the key must not be in (the output folder, which is published, and
    /// templates/, which is hashed into every release and kept in version control).
    public static func create(at path: String, forbidden: [String]) throws -> OfficeSigningKey {
        try refuseInside(forbidden, path: path)
        let publicPath = publicPath(for: path)
        for existing in [path, publicPath] where FileManager.default.fileExists(atPath: existing) {
            throw FileSystemError(action: "创建密钥", path: existing, reason: "该位置已有文件",
                                  remedy: "密钥从不覆盖：请继续使用它，或先把它移走（用它签名的发布要用它的公钥核验）",
                                  code: EEXIST)
        }
        try makeFolder(for: path)
        let key = OfficeSigningKey.generate()
        try write(key.pem, to: path, mode: 0o600)
        do { try write(key.publicKey.pem, to: publicPath, mode: 0o644) } catch {
            unlink(path)
            throw error
        }
        return key
    }

    /// Makes the folder a key file goes in, when missing, readable by its owner only (mode 0700).
    static func makeFolder(for path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileSystemError.performing("创建文件夹", folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
        }
    }

    /// Reads the private key at `path`, refusing one that others may read or that lies in a
    /// forbidden folder (see `create`).
    public static func readPrivate(_ path: String, forbidden: [String]) throws -> OfficeSigningKey {
        try refuseInside(forbidden, path: path)
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileSystemError(errno: errno, action: "读取本单位密钥", path: path) }
        guard info.st_mode & 0o077 == 0 else {
            throw InputError(file: path, reason: "私钥可被他人读取（权限 \(String(info.st_mode & 0o777, radix: 8))）：请运行 chmod 600 \(path)；如果可能已被他人复制，请生成新密钥")
        }
        return try OfficeSigningKey(pem: try read(path), file: path)
    }

    /// The public key from a key file: a public key PEM as is, or derived from a private key PEM.
    public static func readPublic(_ path: String) throws -> OfficePublicKey {
        let text = try read(path)
        if text.contains("-----BEGIN \(OfficeSigningKey.pemLabel)-----") {
            return try OfficeSigningKey(pem: text, file: path).publicKey
        }
        return try OfficePublicKey(pem: text, file: path)
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try FileSystemError.performing("read", path) { try Data(contentsOf: URL(fileURLWithPath: path)) }, as: UTF8.self)
    }

    static func write(_ text: String, to path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileSystemError(errno: errno, action: "创建密钥", path: path) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { writeAll(fd, $0) }
        let synced = fsync(fd) == 0
        let failure = errno
        guard close(fd) == 0, synced, written == bytes.count else {
            unlink(path)
            throw FileSystemError(errno: written < 0 || !synced ? failure : EIO, action: "创建密钥", path: path)
        }
    }

    /// Refuses a key path inside one of `folders` (compared after resolving links and "..").
    public static func refuseInside(_ folders: [String], path: String, action: String = "使用本单位密钥",
                             remedy: String = "请把私钥放在输出文件夹（会被公开）和 templates/（会被共享）之外，如 ~/.config/gongkai/office-ed25519.pem，并用 --key、环境变量 GONGKAI_KEY 或 office.toml 中的 [signing] private_key 指定该路径") throws {
        let key = resolved(path)
        for folder in folders {
            let root = resolved(folder)
            if key.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw FileSystemError(action: action, path: path, reason: "它在 \(folder) 之内", remedy: remedy, code: EPERM)
            }
        }
    }

    /// The absolute path with links resolved as far as the path exists (the key's file and folder
    /// may not exist yet).
    private static func resolved(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            missing.insert(url.lastPathComponent, at: 0)
            url = url.deletingLastPathComponent()
        }
        var base = url.resolvingSymlinksInPath()
        for part in missing { base.appendPathComponent(part) }
        return base.path
    }
}

/// write(2) until every byte is written (or an error other than EINTR); at file scope, where the
/// `write` of `OfficeKeyFile` does not hide it.
private func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, base + offset, bytes.count - offset)
        if n < 0 { if errno == EINTR { continue }; return -1 }
        offset += n
    }
    return offset
}
