import Accounts
import Foundation
import GongkaiCore
import Store

/// The audit record of a command-line action (等保 2.0 安全审计 covers every user, the command line
/// too): the actor is `cli:<$USER>`, the source `cli`. The server records its own with the login.
enum CommandLineAudit {
    static var actor: AuditActor {
        AuditActor.commandLine(user: ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName)
    }

    static func record(_ action: AuditAction, object: String, detail: String = "", outcome: AuditOutcome = .success,
                       in store: StoreDatabase, clock: Clock) throws {
        try AuditLog(store: store).record(AuditEvent(time: clock.now(), actor: actor, action: action, object: object,
                                                     outcome: outcome, detail: detail))
    }

    /// One record of `action` for each of `objects`, written in one transaction.
    static func record(_ action: AuditAction, objects: [String], detail: String, in store: StoreDatabase, clock: Clock) throws {
        let now = clock.now()
        try AuditLog(store: store).record(contentsOf: objects.map { object in
            AuditEvent(time: now, actor: actor, action: action, object: object, outcome: .success, detail: detail)
        })
    }
}
