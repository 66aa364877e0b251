import Foundation
import GongkaiCore
import Store

/// Where the caller-identity key is: `--identity-key`, else `$GONGKAI_IDENTITY_KEY`, else
/// `[identity] key_file` in templates/office.toml, else ~/.config/gongkai/caller-identity.key — in the
/// office account's home, away from the database, which is copied and backed up on its own.
public struct CallerIdentityKeyLocation: Sendable, Equatable {
    public let path: String

    public static let defaultPath = "~/.config/gongkai/caller-identity.key"

    public static func resolve(flag: String?, environment: [String: String], office: OfficeSettings?) -> CallerIdentityKeyLocation {
        let chosen = [flag, environment["GONGKAI_IDENTITY_KEY"], office?.identityKeyPath]
            .compactMap { $0 }.first { !$0.isEmpty } ?? defaultPath
        if chosen.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
            return CallerIdentityKeyLocation(path: (home as NSString).appendingPathComponent(String(chosen.dropFirst(2))))
        }
        return CallerIdentityKeyLocation(path: chosen)
    }

    /// The cipher for `store`, tied to it. The key is made when it does not exist yet and the store has
    /// sealed no caller (`creating`, for commands that write callers); `made` reports it, so the
    /// command can tell the user to back it up. A missing key for a store whose callers were sealed is
    /// an error; nil when the key is missing and not needed (no caller is sealed, `creating` false).
    /// `forbidden`: the output folder and templates/, where the key must never be.
    public func cipher(for store: StoreDatabase, creating: Bool, forbidden: [String],
                       made: (CallerIdentityCipher) -> Void = { _ in }) throws -> CallerIdentityCipher? {
        let recorded = try store.callerIdentityFingerprint()
        let cipher: CallerIdentityCipher
        if FileManager.default.fileExists(atPath: path) {
            cipher = try CallerIdentityKeyFile.read(path, forbidden: forbidden)
        } else if let recorded {
            throw FileSystemError(action: "读取来电人身份密钥", path: path, reason: "该位置没有文件",
                                  remedy: "本数据库的来电人信息是用指纹为 \(recorded) 的密钥加密的：请从备份恢复该密钥文件，或用 --identity-key、环境变量 GONGKAI_IDENTITY_KEY 或 templates/office.toml 中的 [identity] key_file 指定它",
                                  code: ENOENT)
        } else if creating {
            do {
                cipher = try CallerIdentityKeyFile.create(at: path, forbidden: forbidden)
                made(cipher)
            } catch let error as FileSystemError where error.code == EEXIST {
                // Another gongkai made it a moment ago: use that one.
                cipher = try CallerIdentityKeyFile.read(path, forbidden: forbidden)
            }
        } else {
            return nil
        }
        if store.isReadOnly {
            if let recorded, recorded != cipher.fingerprint {
                throw CallerIdentityKeyMismatch(recorded: recorded, given: cipher.fingerprint, keyPath: path)
            }
        } else {
            try store.bindCallerIdentity(cipher, keyPath: path)
        }
        return cipher
    }
}
