import ArgumentParser
import Foundation
import GongkaiCore
import Publish
import Store

extension Channel: ExpressibleByArgument {}

struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "发布一个月：公示、投诉统计、绩效评估报告、开放数据和清单。",
        discussion: """
        写入 output/YYYY-MM/（或 --out 文件夹）：每个有保障对象的救助项目一份 notice-<项目>.pdf/.html， \
        notice-complaints.pdf/.html、evaluation.pdf/.html、indicators.csv/.json 及 datapackage.json、\
        index.html 和 manifest.json。加 --split township 时，另在 output/YYYY-MM/<乡镇>/ 为每个乡镇写一份\
        公示 PDF，供村务公开栏张贴。

        姓名：网络渠道（默认）的户主姓名部分隐去（张*明）；张贴渠道只有 templates/office.toml 允许时才\
        显示全名。身份证号、电话、住址、银行账号、健康信息和投诉人在任何渠道都不出现，发布前逐个文件检查。

        已发布的月份不再修改。用相同的数据和模板再次发布得到完全相同的文件；数据变化后会拒绝发布，除非\
        给出 --supersede --reason：这会在第一版旁写入第 2 版（r2、r3……），附理由和变化内容。随时可用 \
        `gongkai verify output/YYYY-MM` 核验一次发布。

        签名：有本单位密钥时（--key，否则环境变量 GONGKAI_KEY，再否则 templates/office.toml 中的 \
        [signing] private_key；用 `gongkai keys init` 生成一次即可），发布附带 manifest.json.sig 和 \
        office-key.pub.pem，索引页显示密钥指纹。没有密钥时发布不带签名，索引页会注明。

        当月文件先在输出文件夹旁（同一磁盘）的 <文件夹>.staging/ 中生成，全部写好并检查后才移到位，\
        因此提供输出文件的网站不会显示做了一半的月份；Ctrl-C 或 SIGTERM 会删除未完成的发布，下一次发布\
        会清除被中断的发布留下的文件。数据库中没有发放记录的月份会被拒绝。

        示例：
          gongkai publish --month 2026-10
          gongkai publish --month 2026-10 --channel print --split township --out boards
          gongkai publish --month 2026-10 --supersede --reason "更正三营镇2户保障人数"
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @OptionGroup var keyOptions: KeyOptions

    @Option(help: ArgumentHelp("要发布的月份。", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("存放各月文件夹的位置。", valueName: "文件夹"))
    var out = "output"

    @Option(help: "web（姓名部分隐去）或 print（村务公开栏）。")
    var channel: Channel = .web

    @Option(help: ArgumentHelp("township：另为每个乡镇写一份公示 PDF。", valueName: "township"))
    var split: String?

    @Flag(help: "为已发布的月份发布新的一版（须写 --reason）。")
    var supersede = false

    @Option(help: ArgumentHelp("为什么再次发布该月（写入新版本的清单）。", valueName: "理由"))
    var reason: String?

    @Option(help: ArgumentHelp("同时排版的文件数（默认为本机 CPU 核数；1 为逐个排版，文件逐字节相同）。", valueName: "个数"))
    var threads: Int?

    func validate() throws {
        if let threads, !(1...64).contains(threads) { throw ValidationError("--threads 须为 1 到 64 之间的整数") }
        _ = try parseMonth(month)
        if let split, split != "township" { throw ValidationError("--split 只有一个可用值：township") }
        if supersede && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--supersede 须同时给出 --reason \"…\"，说明为什么再次发布该月")
        }
        if reason != nil && !supersede { throw ValidationError("--reason 须与 --supersede 一起使用") }
    }

    func run() async throws {
        let month = try parseMonth(self.month)
        let location = try keyOptions.location(templates: global.templatesPath)
        let signingKey = try location?.signingKey(forbidden: [out, global.templatesPath])
        if signingKey == nil { printError("注意：" + (location?.absentNote ?? SigningKeyLocation.unconfiguredNote)) }
        let store = try global.openStore(.readWrite)
        let publisher = Publisher(store: store, templates: global.templatesPath,
                                  clock: global.clock, generator: "gongkai \(GongkaiVersion.current)", signingKey: signingKey,
                                  identity: try identity.cipher(for: store, global: global, creating: false, forbidden: [out]),
                                  progress: { progress($0) })
        progress("正在发布 \(month)（\(channel.rawValue)）……")
        let outcome = try publisher.publish(Publisher.Options(
            month: month, channel: channel, splitByTownship: split != nil,
            output: URL(fileURLWithPath: out), supersedeReason: supersede ? reason : nil, threads: threads))
        if case .published(_, let manifest) = outcome {
            try CommandLineAudit.record(.publish, object: "\(manifest.month) r\(manifest.release)",
                                        detail: "\(channel.rawValue)，\(manifest.files.count) 个文件", in: store, clock: global.clock)
        }
        switch outcome {
        case .published(let directory, let manifest):
            let bytes = manifest.files.reduce(0) { $0 + $1.bytes }
            print("已发布 \(manifest.month) 第 \(manifest.release) 版：\(manifest.files.count) 个文件，\(bytes / 1024) KB，位于 \(directory.path)/")
            print("打开 \(directory.path)/index.html 查看；随时可用 gongkai verify \(directory.path) 核验")
        case .unchanged(let directory, let manifest):
            print("\(manifest.month) 第 \(manifest.release) 版已用相同的数据和模板发布过，文件已逐字节重现；\(directory.path)/ 没有任何改动")
        }
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "按清单和数据库核验一次已发布的版本。",
        discussion: """
        按 manifest.json 核对每个文件的 SHA-256，再用数据库和模板重新生成该月并比较；用该版本的公钥\
        核验 manifest.json.sig，并核对该公钥是本单位的（本机配置了 --key、环境变量 GONGKAI_KEY 或 \
        office.toml 时）。发现问题时以非零状态退出，并列出每个被改动或无法从数据重现的文件，以及每个\
        签名问题：签名核验不通过、缺少签名，或本单位有密钥而该版本未签名。

        示例：
          gongkai verify output/2026-10
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @OptionGroup var keyOptions: KeyOptions

    @Argument(help: ArgumentHelp("版本文件夹（output/YYYY-MM 或 output/YYYY-MM/r2）。", valueName: "文件夹"))
    var directory: String

    func run() async throws {
        let url = URL(fileURLWithPath: directory)
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent(Manifest.fileName).path) else {
            throw ValidationError("\(directory) 中没有 manifest.json：请给出版本文件夹，如 output/2026-10")
        }
        let store = try global.openStore(.readOnly)
        let publisher = Publisher(store: store, templates: global.templatesPath,
                                  clock: global.clock, generator: "gongkai \(GongkaiVersion.current)",
                                  identity: try identity.cipher(for: store, global: global, creating: false, forbidden: [directory]))
        progress("正在核验 \(directory)……")
        let officeKey = try keyOptions.location(templates: global.templatesPath)?.publicKey()
        let report = try Verifier(publisher: publisher, officeKey: officeKey).verify(url)
        for file in report.altered { printError("被改动：\(file) 与 manifest.json 中的 SHA-256 不符") }
        for file in report.notReproduced { printError("无法重现：\(file) 用数据库重新生成后不一致") }
        for entry in report.unexpected { printError("不属于该版本：\(entry)") }
        for problem in report.manifestProblems { printError("清单：\(problem)") }
        for problem in report.signatureProblems { printError("签名：\(problem)") }
        for change in report.inputChanges { printError("注意：\(change)") }
        guard report.passed else {
            throw CommandFailure("\(directory) 核验未通过（被改动 \(report.altered.count) 个，无法重现 \(report.notReproduced.count) 个，"
                                 + "不属于该版本 \(report.unexpected.count) 个，清单问题 \(report.manifestProblems.count) 个，"
                                 + "签名问题 \(report.signatureProblems.count) 个）。")
        }
        print("\(directory)：全部 \(report.manifest.files.count) 个文件与 manifest.json 相符，并可从数据库重现。")
        print(report.manifest.signingKeySHA256.map { "manifest.json.sig 核验通过：由密钥 \($0) 签名。" }
              ?? "该版本未签名（发布时没有配置本单位密钥）。")
    }
}
