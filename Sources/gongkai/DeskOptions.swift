import Accounts
import ArgumentParser
import Desk
import Foundation
import GongkaiCore
import Store

/// What every complaint command needs: where the data is, and who is at the desk.
struct DeskOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @Option(name: .customLong("as"),
            help: ArgumentHelp("以哪个账号操作（登录名；默认取环境变量 GONGKAI_USER）。受理台按该账号的角色授权，与浏览器相同（docs/roles.md）。",
                               valueName: "登录名"))
    var login: String?

    /// The account named by `--as` or `$GONGKAI_USER`: it must exist and not be locked. Whoever runs
    /// gongkai on the server can name any account, so the command line gives no more than the
    /// browser would give that account, and every step is recorded under it.
    func actor(in store: StoreDatabase, clock: Clock) throws -> DeskActor {
        guard let login = (login ?? ProcessInfo.processInfo.environment["GONGKAI_USER"])?.trimmingCharacters(in: .whitespaces),
              !login.isEmpty else {
            throw CommandFailure("请用 --as 登录名（或环境变量 GONGKAI_USER）指明以哪个账号操作；账号见 gongkai user list")
        }
        guard let account = try AccountStore.accounts(in: store).first(where: { $0.login == Login.normalized(login) }) else {
            throw CommandFailure("没有登录名为 \(Login.printable(login)) 的账号；账号见 gongkai user list，新建用 gongkai user add")
        }
        guard !account.isLocked(at: clock.now()) else {
            throw CommandFailure("账号 \(account.login) 已锁定，不能操作；请安全管理员解锁（gongkai user unlock \(account.login)）")
        }
        return .account(account)
    }

    func openDesk(_ access: StoreDatabase.Access = .readWrite) throws -> ComplaintDesk {
        try global.openDesk(access)
    }

    /// The desk with the caller-identity key, for intake (`creating` the key on first need) and reveals.
    func openDeskWithIdentity(creating: Bool) throws -> ComplaintDesk {
        let desk = try global.openDesk(.readWrite)
        return ComplaintDesk(store: desk.store, schedule: desk.schedule, clock: desk.clock,
                             identity: try identity.cipher(for: desk.store, global: global, creating: creating))
    }
}

extension GlobalOptions {
    /// The desk over an existing store: `.readOnly` for list, show (without --reveal), lookup and
    /// stats, `.readWrite` for the steps that record something.
    func openDesk(_ access: StoreDatabase.Access) throws -> ComplaintDesk {
        ComplaintDesk(store: try openStore(access), schedule: try ComplaintSchedule.load(templates: templatesPath), clock: clock)
    }
}

/// Text output helpers shared by the complaint commands.
enum TextTable {
    /// Columns padded to the widest cell, counting CJK characters as two columns as terminals do. A row
    /// shorter or longer than the others is printed as it is, never read past its end.
    static func render(header: [String]?, rows: [[String]]) -> String {
        let all = (header.map { [$0] } ?? []) + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { i in all.map { i < $0.count ? width($0[i]) : 0 }.max() ?? 0 }
        return all.map { row in
            row.indices.map { i in row[i] + String(repeating: " ", count: widths[i] - width(row[i])) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || (0x3000...0xFFEF).contains($1.value) ? 2 : 1) }
    }

    /// CSV through the one writer (formula cells neutralised), without the final line break
    /// `print` adds.
    static func csv(header: [String], rows: [[String]]) -> String {
        var writer = CSVWriter(header: header)
        for row in rows { writer.append(row) }
        return String(writer.text.dropLast())
    }
}
