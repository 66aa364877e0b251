import ArgumentParser
import Foundation
import GongkaiCore
import Publish
import Store

/// `--identity-key`, for the commands that store or open callers' names and phones: the key that
/// seals them, else `$GONGKAI_IDENTITY_KEY`, else `[identity] key_file` in templates/office.toml
/// (~/.config/gongkai/caller-identity.key).
struct IdentityKeyOptions: ParsableArguments {
    @Option(name: .customLong("identity-key"),
            help: ArgumentHelp("加密数据库中来电人姓名和电话的密钥（否则取环境变量 GONGKAI_IDENTITY_KEY，再否则 templates/office.toml 中的 [identity] key_file）。",
                               valueName: "路径"))
    var path: String?

    /// The cipher for `store`. `creating`: make the key if this store has sealed no caller yet (for
    /// commands that write callers), telling the user to back it up. `forbidden`: folders besides
    /// templates/ the key must not be in (the output folder).
    func cipher(for store: StoreDatabase, global: GlobalOptions, creating: Bool,
                forbidden: [String] = []) throws -> CallerIdentityCipher? {
        let office = try? OfficeSettings.load(templates: global.templatesPath)
        let location = CallerIdentityKeyLocation.resolve(flag: path, environment: ProcessInfo.processInfo.environment, office: office)
        return try location.cipher(for: store, creating: creating, forbidden: forbidden + [global.templatesPath]) { made in
            printError("注意：已生成来电人身份密钥 \(location.path)（指纹 \(made.fingerprint)），来电人的姓名和电话用它加密保存。请离线备份：丢失后这些信息将永远无法读取。")
        }
    }
}
