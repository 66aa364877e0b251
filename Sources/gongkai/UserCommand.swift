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
        let path = global.databasePath
        let isNew = access == .create && !FileManager.default.fileExists(atPath: path)
        let store = try global.openStore(access)
        if isNew { progress("Created the database \(path) (mode 600).") }
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
        abstract: "The web application's accounts: add users, set roles, lock, unlock, reset passwords.",
        discussion: """
        Roles (see docs/roles.md for what each may do): 登记员 (intake), 承办人 (handler, needs --unit), \
        督办 (supervisor), 领导 (leader, read-only), and the administrator roles 系统管理员, 安全管理员, \
        审计管理员, which are held alone (三权分立). Administrator roles are given and changed only here, \
        on the server: through the web the 系统管理员 sets business roles of other accounts, and 督办 or \
        承办人 take effect only when the 安全管理员 approves them (docs/roles.md). Passwords are read from \
        standard input, one line, and must follow templates/security.toml; a password set here must be \
        changed at the first login. A role change, a lock and a reset end the account's web sessions.

        Every command is recorded in the audit log as cli:<$USER> (gongkai audit list).

        Examples:
          gongkai user add wang.fang --role 系统管理员 --display-name 王芳        # the first administrator
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
            abstract: "Add a user; the initial password is read from standard input (one line).",
            discussion: """
            The password must follow templates/security.toml (by default at least 8 characters mixing 3 of: \
            upper-case, lower-case, digits, other); the user must change it at the first login.

            Example:
              printf '%s\\n' 'Chu-shi-mi-ma1' | gongkai user add ma.li --role 承办人 --unit 三营镇 --display-name 马丽
            """
        )
        @OptionGroup var options: AccountOptions
        @Argument(help: "The login name (a–z, 0–9, '.', '_', '-').") var name: String
        @Option(help: ArgumentHelp("A role (repeat for several): \(Role.allNames).", valueName: "role")) var role: [Role] = []
        @Option(help: ArgumentHelp("The township whose complaints a 承办人 handles (templates/townships.toml).", valueName: "township")) var unit: String?
        @Option(help: ArgumentHelp("The name shown in the application (default: the login).", valueName: "text")) var displayName: String?

        func run() throws {
            let password = try readPassword(prompt: "Initial password for \(name): ")
            let path = options.global.databasePath
            let isNew = !FileManager.default.fileExists(atPath: path)
            let accounts = try options.openAccounts(.create)
            let account: Account
            do {
                account = try accounts.addUser(login: name, displayName: displayName, roles: Set(role), unit: unit,
                                               initialPassword: password, by: options.actor)
            } catch {
                // Refused on a database this command just made: leave nothing behind.
                if isNew { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
                throw error
            }
            print("Added \(account.login) (\(account.roles.sorted().map(\.rawValue).joined(separator: ", "))\(account.unit.map { ", \($0)" } ?? "")); the password must be changed at the first login.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users (no password hashes).")
        @OptionGroup var options: AccountOptions
        @Option(help: "table or csv.") var format: ListFormat = .table

        enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, csv }

        func run() throws {
            let accounts = try options.openAccounts(.readOnly)
            let now = options.global.clock.now()
            let header = ["login", "display_name", "roles", "unit", "state", "must_change_password", "password_changed", "created"]
            let rows = try accounts.users().map { a in
                [a.login, a.displayName, a.roles.sorted().map(\.rawValue).joined(separator: " "), a.unit ?? "",
                 state(of: a, at: now), a.passwordChangeReason(at: now, policy: accounts.policy) == nil ? "no" : "yes",
                 ChinaTime.minuteText(of: a.passwordChangedAt), ChinaTime.minuteText(of: a.createdAt)]
            }
            switch format {
            case .csv: print(TextTable.csv(header: header, rows: rows))
            case .table: print(rows.isEmpty ? "no users: add the first administrator with gongkai user add NAME --role 系统管理员" : TextTable.render(header: header, rows: rows))
            }
        }

        private func state(of account: Account, at now: Date) -> String {
            if account.lockedByAdministrator { return "locked" }
            if let until = account.lockedUntil, until > now { return "locked until \(ChinaTime.minuteText(of: until))" }
            return "active"
        }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a new password (read from standard input) that the user must change at the next login.",
            discussion: "Example:\n  printf '%s\\n' 'Xin-mi-ma-2026' | gongkai user reset-password ma.li"
        )
        @OptionGroup var options: AccountOptions
        @Argument(help: "The login name.") var name: String

        func run() throws {
            let password = try readPassword(prompt: "New password for \(name): ")
            let accounts = try options.openAccounts()
            try accounts.resetPassword(login: name, newPassword: password, by: options.actor)
            print("Reset the password of \(Login.normalized(name)); it must be changed at the next login.")
        }
    }

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lock an account until it is unlocked (no login succeeds).")
        @OptionGroup var options: AccountOptions
        @Argument(help: "The login name.") var name: String

        func run() throws {
            try options.openAccounts().lock(login: name, by: options.actor)
            print("Locked \(Login.normalized(name)).")
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unlock an account (locked by hand or after failed logins).")
        @OptionGroup var options: AccountOptions
        @Argument(help: "The login name.") var name: String

        func run() throws {
            try options.openAccounts().unlock(login: name, by: options.actor)
            print("Unlocked \(Login.normalized(name)).")
        }
    }

    struct Roles: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a user's roles (and unit, when given).",
            discussion: "Example:\n  gongkai user roles ma.li --role 承办人 --unit 三营镇"
        )
        @OptionGroup var options: AccountOptions
        @Argument(help: "The login name.") var name: String
        @Option(help: ArgumentHelp("A role (repeat for several): \(Role.allNames).", valueName: "role")) var role: [Role] = []
        @Option(help: ArgumentHelp("The township whose complaints a 承办人 handles.", valueName: "township")) var unit: String?

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
        throw CommandFailure("no password on standard input: give the password as one line, e.g. printf '%s\\n' \"$PASSWORD\" | gongkai user …")
    }
    return password
}
