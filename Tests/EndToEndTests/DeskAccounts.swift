import Accounts
import Foundation
import GongkaiCore
import Store

/// The desk's accounts the end-to-end tests act as (`--as` / `$GONGKAI_USER`), added straight to a
/// store (bcrypt cost 4: the tests never log in with them) as `gongkai user add` would:
/// - `ma.li` 马丽, the centre: 督办 and 登记员;
/// - `zhang.hua` 张华, a 登记员 who makes the centre's callbacks;
/// - `li.ming` 李明, 承办人 of 三营镇;
/// - `cb.<code>` "<township>承办人", one 承办人 for every township of templates/townships.toml.
enum DeskAccounts {
    static let centre = "ma.li", callbacks = "zhang.hua", handler = "li.ming"

    static func handler(of township: String) throws -> String? {
        try Townships.load(templates: Binary.templates).all.first { $0.name == township }.map { "cb.\($0.code)" }
    }

    static func add(to database: String) throws {
        let townships = try Townships.load(templates: Binary.templates)
        let accounts = AccountStore(store: try StoreDatabase(path: database, access: .readWrite), policy: .forTestsOnly(bcryptCost: 4),
                                    townships: townships, clock: .system)
        let admin = AuditActor(login: "cli:test", source: "cli")
        func add(_ login: String, _ name: String, _ roles: Set<Role>, unit: String? = nil) throws {
            _ = try accounts.addUser(login: login, displayName: name, roles: roles, unit: unit, initialPassword: "Desk-e2e-7q", by: admin)
        }
        try add(centre, "马丽", [.supervisor, .intake])
        try add(callbacks, "张华", [.intake])
        try add(handler, "李明", [.handler], unit: "三营镇")
        for township in townships.all {
            try add("cb.\(township.code)", "\(township.name)承办人", [.handler], unit: township.name)
        }
    }
}
