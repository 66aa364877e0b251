import ArgumentParser

/// The command line: thin by design. Each subcommand parses its flags, calls one module and prints;
/// the logic lives in the modules so it can be tested without a process.
@main
struct Gongkai: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "公开 — transparency and accountability for social assistance in 原州区.",
        discussion: """
        gongkai keeps the civil-affairs office's assistance data in one SQLite file, computes the \
        programmes' outcome indicators, publishes the monthly public notices (公布) and the evaluation \
        report as PDF, HTML and open data, and follows every supervision-hotline complaint to closure.

        A typical month:
          gongkai import exports/2026-10/      # load the CSV exports, all or nothing
          gongkai status                       # what the store holds
          gongkai indicators --month 2026-10   # the month's figures
          gongkai publish --month 2026-10      # → output/2026-10/
          gongkai verify output/2026-10        # check a publication

        Once: gongkai keys init makes the office's signing key; every release is then signed.
        Accounts of the web application: gongkai user add NAME --role 系统管理员 (see gongkai user --help).

        Every command takes --db (else $GONGKAI_DB, else ./gongkai.sqlite) and --templates \
        (else $GONGKAI_TEMPLATES, else ./templates, else PREFIX/share/gongkai/templates as make install puts them).
        """,
        version: GongkaiVersion.current,
        subcommands: [
            ImportCommand.self, DemoCommand.self, StatusCommand.self, IndicatorsCommand.self, CheckCommand.self,
            PublishCommand.self, VerifyCommand.self, KeysCommand.self, ComplaintCommand.self, CalendarCommand.self, RenderCommand.self,
            UserCommand.self, AuditCommand.self, ServeCommand.self, BackupCommand.self, RestoreCommand.self,
        ]
    )
}

enum GongkaiVersion {
    static let current = "0.1.0"
}
