import ArgumentParser
import Foundation
import GongkaiCore
import Publish
import Store

/// `gongkai backup`: a consistent copy of the live store, safe while `serve` and imports write.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "备份数据库：在 serve 和导入运行时也能得到一致的副本（不含密钥文件）。",
        discussion: """
        用 SQLite 的在线备份把 --db（否则 $GONGKAI_DB，否则 ./gongkai.sqlite）复制成 --out 指定的新文件：\
        副本是某一时刻的完整数据库，之前已提交的写入都在其中；备份期间其他写入照常进行，不被阻塞。\
        副本权限为 0600，写完后通过 PRAGMA integrity_check 检查。从不覆盖已有文件。

        密钥不在数据库里，因此也不在备份里：来电人身份密钥（--identity-key，否则 $GONGKAI_IDENTITY_KEY）\
        和签名私钥（--key，否则 $GONGKAI_KEY）须另行离线备份，并与数据库备份分开保存。\
        没有身份密钥，备份中来电人的姓名和电话永远无法解开。

        恢复：gongkai restore FILE --db 新路径（见 gongkai restore --help）。

        PostgreSQL 数据库（--db 或 $GONGKAI_DB 为 postgresql://… 或 postgres://…）不由本命令备份：\
        用 PostgreSQL 的 pg_dump 备份、pg_restore 恢复；本命令会给出带库名的命令行（不含密码），\
        什么也不改动，以状态 1 退出。

        示例：
          gongkai backup --out /srv/backup/gongkai-2026-11-05.sqlite
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @OptionGroup var key: KeyOptions

    @Option(help: ArgumentHelp("备份写到的新文件（已存在则拒绝）。", valueName: "file"))
    var out: String

    func run() async throws {
        guard global.databaseFile != nil else {
            throw CommandFailure(PostgresDumpAdvice.refusal(global.databaseText, source: global.databaseSource, file: out, restoring: false))
        }
        let store = try global.openStore(.readOnly)
        let summary: StoreCopySummary
        do {
            summary = try store.backup(to: out)
        } catch let error as StoreCopyError {
            throw CommandFailure(error.description)
        }
        print("已备份 \(global.databaseName) → \(summary.path)：\(summary.complaints) 件投诉，数据库结构 \(summary.migrations.last ?? "")，完整性检查通过。")
        printError(keyReminder())
    }

    /// The key files the office must back up itself, with the paths in force here.
    private func keyReminder() -> String {
        let environment = ProcessInfo.processInfo.environment
        let office = try? OfficeSettings.load(templates: global.templatesPath)
        let identityKey = CallerIdentityKeyLocation.resolve(flag: identity.path, environment: environment, office: office).path
        let signingKey = SigningKeyLocation.resolve(flag: key.key, environment: environment, office: office)?.path
        return "提醒：备份不含密钥文件，请另行离线备份并与本备份分开保存——来电人身份密钥 \(identityKey)"
            + (signingKey.map { "，签名私钥 \($0)" } ?? "")
            + "。没有身份密钥，备份中来电人的姓名和电话无法解开。"
    }
}
