import ArgumentParser
import Foundation
import Store

/// `gongkai restore`: a backup made by `gongkai backup` becomes a new store, after its checks.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "从 gongkai backup 的备份恢复出一个新数据库（从不覆盖已有数据库）。",
        discussion: """
        先检查备份：须是 SQLite 文件、通过 PRAGMA integrity_check，且数据库结构是本版本 gongkai 认识的\
        （更新版本写出的备份会被拒绝；较旧版本的备份恢复后升级到当前结构）。任何一项不通过，什么也不写。\
        --db 指向的文件已存在时拒绝：要替换正在使用的数据库，先停止 serve，把旧文件移走，再恢复。

        --db 为 PostgreSQL 连接地址（postgresql://…）时不恢复：PostgreSQL 数据库用 pg_restore 恢复，\
        本命令给出带库名的命令行（不含密码），什么也不改动。

        恢复后，把备份时的来电人身份密钥放回原处（或用 --identity-key 指明），否则来电人的姓名和电话无法解开。

        示例：
          gongkai restore /srv/backup/gongkai-2026-11-05.sqlite --db /srv/gongkai/gongkai.sqlite
        """
    )

    @Argument(help: ArgumentHelp("gongkai backup 写出的备份文件。", valueName: "file"))
    var backup: String

    @Option(help: ArgumentHelp("恢复出的新数据库文件（必须尚不存在）。", valueName: "path"))
    var db: String

    func run() async throws {
        guard case .sqlite? = try? StoreLocation(db) else {
            throw CommandFailure(PostgresDumpAdvice.refusal(db, source: "--db", file: backup, restoring: true))
        }
        let summary: StoreCopySummary
        do {
            summary = try StoreDatabase.restore(from: backup, to: db)
        } catch let error as StoreCopyError {
            throw CommandFailure(error.description)
        }
        print("已从 \(backup) 恢复到 \(summary.path)：\(summary.complaints) 件投诉，完整性检查通过。")
        if !summary.upgradedBy.isEmpty {
            print("备份来自较旧版本，已升级数据库结构：\(summary.upgradedBy.joined(separator: "、"))。")
        }
    }
}
