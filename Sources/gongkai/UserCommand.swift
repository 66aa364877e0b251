import Accounts
import ArgumentParser
import Foundation
import GongkaiCore
import Store

/// Where the accounts are, and who runs the command: every change is audited with the actor
/// `cli:<$USER>` and the source `cli`.
struct AccountOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    var actor: AuditActor { CommandLineAudit.actor }

    /// The accounts over an existing store (`.create` only for `user add`, which may make the first
    /// administrator of a new office before any import; `.readOnly` for `user list`), with templates/security.toml and
    /// templates/townships.toml. The templates are read first, so a bad policy file creates nothing.
    func openAccounts(_ access: StoreDatabase.Access = .readWrite) throws -> AccountStore {
        let policy = try SecurityPolicy.load(templates: global.templatesPath)
        let townships = try Townships.load(templates: global.templatesPath)
        let newFile = global.databaseFile.flatMap { access == .create && !FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        let store = try global.openStore(access)
        if let newFile { progress("已创建数据库 \(newFile)（权限 600）。") }
        return AccountStore(store: store, policy: policy, townships: townships, clock: global.clock)
    }
}

/// `--role` values: the Chinese role names.
extension Role: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "网页应用的账号：添加用户、设置角色、锁定、解锁、重置密码。",
        discussion: """
        角色（各角色的权限见 docs/roles.md）：登记员（登记）、承办人（办理，须给出 --unit）、督办、\
        领导（只读），以及管理员角色系统管理员、安全管理员、审计管理员，管理员角色须单独担任（三权分立）。\
        管理员角色只能在服务器上用本命令授予和变更：在网页上，系统管理员设置其他账号的业务角色，督办或\
        承办人角色须经安全管理员批准才生效（docs/roles.md）。密码从标准输入读取一行，须符合 \
        templates/security.toml；在这里设置的密码须在首次登录时修改。变更角色、锁定和重置密码都会结束\
        该账号的网页会话。

        每个命令都以 cli:<$USER> 记入审计日志（gongkai audit list）。

        示例：
          gongkai user add wang.fang --role 系统管理员 --display-name 王芳        # 第一个管理员
          printf '%s\\n' 'Chu-shi-mi-ma1' | gongkai user add ma.li --role 承办人 --unit 三营镇
          gongkai user roles ma.li --role 承办人 --role 登记员
          gongkai user list
          gongkai user lock ma.li
          gongkai user unlock ma.li
          gongkai user reset-password ma.li < new-password.txt
        """,
        subcommands: [Add.self, List.self, ResetPassword.self, Lock.self, Unlock.self, Roles.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "添加用户；初始密码从标准输入读取（一行）。",
            discussion: """
            密码须符合 templates/security.toml（默认至少 8 个字符，包含大写字母、小写字母、数字、其他\
            字符中的至少 3 种）；用户须在首次登录时修改。

            示例：
              printf '%s\\n' 'Chu-shi-mi-ma1' | gongkai user add ma.li --role 承办人 --unit 三营镇 --display-name 马丽
            """
        )
        @OptionGroup var options: AccountOptions
        @Argument(help: "登录名（a–z、0–9、'.'、'_'、'-'）。") var name: String
        @Option(help: ArgumentHelp("角色（多个可重复给出）：\(Role.allNames)。", valueName: "角色")) var role: [Role] = []
        @Option(help: ArgumentHelp("承办人负责办理投诉的乡镇（templates/townships.toml）。", valueName: "乡镇")) var unit: String?
        @Option(help: ArgumentHelp("在应用中显示的姓名（默认：登录名）。", valueName: "姓名")) var displayName: String?

        func run() throws {
            let password = try readPassword(prompt: "\(name) 的初始密码：")
            let newFile = options.global.databaseFile.flatMap { FileManager.default.fileExists(atPath: $0) ? nil : $0 }
            let accounts = try options.openAccounts(.create)
            let account: Account
            do {
                account = try accounts.addUser(login: name, displayName: displayName, roles: Set(role), unit: unit,
                                               initialPassword: password, by: options.actor)
            } catch {
                // Refused on a database this command just made: leave nothing behind.
                if let newFile { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: newFile + suffix) } }
                throw error
            }
            print("已添加 \(account.login)（\(account.roles.sorted().map(\.rawValue).joined(separator: ", "))\(account.unit.map { ", \($0)" } ?? "")）；首次登录时须修改密码。")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出用户（不含密码散列）。")
        @OptionGroup var options: AccountOptions
        @Option(help: "输出格式：table 或 csv。") var format: ListFormat = .table

        enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, csv }

        func run() throws {
            let accounts = try options.openAccounts(.readOnly)
            let now = options.global.clock.now()
            let header = ["login", "display_name", "roles", "unit", "state", "must_change_password", "password_changed", "created"]
            let users = try accounts.users()
            // CSV keeps the codes scripts read; the table says the same in Chinese for people.
            func rows(chinese: Bool) -> [[String]] {
                users.map { a in
                    let mustChange = a.passwordChangeReason(at: now, policy: accounts.policy) != nil
                    return [a.login, a.displayName, a.roles.sorted().map(\.rawValue).joined(separator: " "), a.unit ?? "",
                            state(of: a, at: now, chinese: chinese), chinese ? (mustChange ? "是" : "否") : (mustChange ? "yes" : "no"),
                            ChinaTime.minuteText(of: a.passwordChangedAt), ChinaTime.minuteText(of: a.createdAt)]
                }
            }
            switch format {
            case .csv: print(TextTable.csv(header: header, rows: rows(chinese: false)))
            case .table:
                print(users.isEmpty ? "没有用户：请用 gongkai user add 登录名 --role 系统管理员 添加第一个管理员"
                      : TextTable.render(header: ["登录名", "显示名", "角色", "乡镇", "状态", "须改密码", "密码修改时间", "创建时间"],
                                         rows: rows(chinese: true)))
            }
        }

        private func state(of account: Account, at now: Date, chinese: Bool) -> String {
            if account.lockedByAdministrator { return chinese ? "已锁定" : "locked" }
            if let until = account.lockedUntil, until > now {
                return chinese ? "锁定至 \(ChinaTime.minuteText(of: until))" : "locked until \(ChinaTime.minuteText(of: until))"
            }
            return chinese ? "正常" : "active"
        }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "设置新密码（从标准输入读取），用户须在下次登录时修改。",
            discussion: "示例：\n  printf '%s\\n' 'Xin-mi-ma-2026' | gongkai user reset-password ma.li"
        )
        @OptionGroup var options: AccountOptions
        @Argument(help: "登录名。") var name: String

        func run() throws {
            let password = try readPassword(prompt: "\(name) 的新密码：")
            let accounts = try options.openAccounts()
            try accounts.resetPassword(login: name, newPassword: password, by: options.actor)
            print("已重置 \(Login.normalized(name)) 的密码；下次登录时须修改。")
        }
    }

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "锁定账号，直到解锁为止（任何登录都不会成功）。")
        @OptionGroup var options: AccountOptions
        @Argument(help: "登录名。") var name: String

        func run() throws {
            try options.openAccounts().lock(login: name, by: options.actor)
            print("已锁定 \(Login.normalized(name))。")
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "解锁账号（手动锁定的，或因多次登录失败而锁定的）。")
        @OptionGroup var options: AccountOptions
        @Argument(help: "登录名。") var name: String

        func run() throws {
            try options.openAccounts().unlock(login: name, by: options.actor)
            print("已解锁 \(Login.normalized(name))。")
        }
    }

    struct Roles: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "替换用户的角色（给出 --unit 时也替换乡镇）。",
            discussion: "示例：\n  gongkai user roles ma.li --role 承办人 --unit 三营镇"
        )
        @OptionGroup var options: AccountOptions
        @Argument(help: "登录名。") var name: String
        @Option(help: ArgumentHelp("角色（多个可重复给出）：\(Role.allNames)。", valueName: "角色")) var role: [Role] = []
        @Option(help: ArgumentHelp("承办人负责办理投诉的乡镇。", valueName: "乡镇")) var unit: String?

        func run() throws {
            let account = try options.openAccounts().setRoles(login: name, roles: Set(role), unit: unit, by: options.actor)
            print("\(account.login): \(account.roles.sorted().map(\.rawValue).joined(separator: ", "))\(account.unit.map { ", \($0)" } ?? "")")
        }
    }
}

/// One line from standard input: the password, never echoed. On a terminal it is asked for without
/// echo; from a pipe the first line is taken (without its line break). An empty line is refused.
func readPassword(prompt: String) throws -> String {
    let line: String?
    if isatty(STDIN_FILENO) != 0, let typed = getpass(prompt) {
        line = String(cString: typed)
    } else {
        line = readLine(strippingNewline: true)
    }
    guard let password = line.map({ $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }), !password.isEmpty else {
        throw CommandFailure("标准输入中没有密码：请以一行给出密码，如 printf '%s\\n' \"$PASSWORD\" | gongkai user …")
    }
    return password
}
