import ArgumentParser
import Foundation
import GongkaiCore
import Publish

/// `--key`, shared by keys, publish and verify: the office key's path, else `$GONGKAI_KEY`, else
/// `[signing] private_key` in templates/office.toml.
struct KeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("本单位的 Ed25519 私钥（否则取环境变量 GONGKAI_KEY，再否则 templates/office.toml 中的 [signing] private_key）。",
                               valueName: "路径"))
    var key: String?

    /// The key's location, reading office.toml from `templates`; nil when none is configured.
    func location(templates: String) throws -> SigningKeyLocation? {
        SigningKeyLocation.resolve(flag: key, environment: ProcessInfo.processInfo.environment,
                                   office: try OfficeSettings.load(templates: templates))
    }

    /// The key's location for `keys`, which needs one.
    func configuredLocation(templates: String) throws -> SigningKeyLocation {
        guard let location = try location(templates: templates) else {
            throw ValidationError("没有配置密钥路径：请用 --key 路径 指定，或设置环境变量 GONGKAI_KEY，或在 templates/office.toml 中设置 [signing] private_key")
        }
        return location
    }
}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "本单位的签名密钥：生成密钥，显示指纹。",
        discussion: """
        每次发布的 manifest.json 都用本单位的 Ed25519 密钥签名（manifest.json.sig），发布中附有公钥\
        （office-key.pub.pem），任何人都可以用 OpenSSL 核对文件确实出自本单位（见 README）。密钥的位置： \
        --key，否则环境变量 GONGKAI_KEY，再否则 templates/office.toml 中的 [signing] private_key \
        （~/.config/gongkai/office-ed25519.pem）。

        私钥须保密并离线备份：持有私钥者可以本单位名义签名发布；私钥丢失后，此后的发布将带有新的指纹。\
        请把指纹公布在读者可以核对的地方（本单位网站、公示栏）。

        示例：
          gongkai keys init
          gongkai keys show
        """,
        subcommands: [KeysInitCommand.self, KeysShowCommand.self]
    )
}

struct KeysInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "生成本单位的 Ed25519 密钥对（私钥权限 0600；不会覆盖已有密钥）。",
        discussion: """
        写入私钥（PKCS#8 PEM）及其公钥（<文件名>.pub.pem，SubjectPublicKeyInfo PEM），两者 OpenSSL \
        都能读取。已有密钥时拒绝；路径在输出文件夹（会被公开）或 templates/（会被共享）之内时也拒绝。
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var keyOptions: KeyOptions

    @Option(help: ArgumentHelp("publish 写入的输出文件夹，密钥不得放在其中。", valueName: "文件夹"))
    var out = "output"

    func run() async throws {
        let location = try keyOptions.configuredLocation(templates: global.templatesPath)
        let key = try OfficeKeyFile.create(at: location.path, forbidden: [out, global.templatesPath])
        print("已生成本单位密钥 \(location.path)（私钥，权限 600）和 \(OfficeKeyFile.publicPath(for: location.path))（公钥）。")
        print("指纹（公钥的 SHA-256）：\(key.publicKey.fingerprint)")
        print("请把指纹公布在读者可以核对的地方，并离线保存私钥的副本。")
    }
}

struct KeysShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "显示本单位密钥的路径、指纹和公钥（PEM）。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var keyOptions: KeyOptions

    func run() async throws {
        let location = try keyOptions.configuredLocation(templates: global.templatesPath)
        guard let key = try location.publicKey() else {
            throw CommandFailure("\(location.path) 还没有本单位密钥：请用 gongkai keys init 生成")
        }
        print("密钥：\(location.path)")
        print("指纹（公钥的 SHA-256）：\(key.fingerprint)")
        print(key.pem, terminator: "")
    }
}
