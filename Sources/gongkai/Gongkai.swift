import ArgumentParser

/// The command line: thin by design. Each subcommand parses its flags, calls one module and prints;
/// the logic lives in the modules so it can be tested without a process.
@main
struct Gongkai: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "公开 — 原州区社会救助的公开与问责。",
        discussion: """
        gongkai 把民政局的救助数据保存在一个 SQLite 文件中，计算各救助项目的绩效指标，以 PDF、HTML 和\
        开放数据发布每月公示（公布）和绩效评估报告，并跟踪每一件监督电话投诉直到办结。

        每月的工作：
          gongkai import exports/2026-10/      # 导入 CSV 导出文件，全部成功或全部不导入
          gongkai status                       # 数据库中有什么
          gongkai indicators --month 2026-10   # 当月指标
          gongkai publish --month 2026-10      # → output/2026-10/
          gongkai verify output/2026-10        # 核验一次发布

        首次使用：gongkai keys init 生成本单位的签名密钥，此后每次发布都带签名。
        网页应用的账号：gongkai user add 登录名 --role 系统管理员（详见 gongkai user --help）。

        每个命令都接受 --db（否则取环境变量 GONGKAI_DB，再否则 ./gongkai.sqlite）和 --templates \
        （否则取环境变量 GONGKAI_TEMPLATES，再否则 ./templates，再否则安装位置 PREFIX/share/gongkai/templates）。
        --db 是 SQLite 数据库文件的路径，或 PostgreSQL 数据库的网址（市或自治区用）：\
        postgresql://用户@主机/库名，密码放在环境变量 PGPASSWORD 里。
        """,
        version: GongkaiVersion.current,
        subcommands: [
            ImportCommand.self, MatchCommand.self, DemoCommand.self, StatusCommand.self, IndicatorsCommand.self, CheckCommand.self,
            PublishCommand.self, VerifyCommand.self, KeysCommand.self, ComplaintCommand.self, CalendarCommand.self, RenderCommand.self,
            UserCommand.self, AuditCommand.self, ServeCommand.self, BackupCommand.self, RestoreCommand.self,
        ]
    )
}

enum GongkaiVersion {
    static let current = "0.1.0"
}
