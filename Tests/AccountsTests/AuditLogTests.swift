import Foundation
import GRDB
@testable import Store
import StoreTestSupport
import Testing
@testable import Accounts

@Suite struct AuditLogTests {
    let time = TestClock()

    func event(_ n: Int, actor: String = "ma.li", action: AuditAction = .login, outcome: AuditOutcome = .success,
               detail: String = "") -> AuditEvent {
        AuditEvent(time: time.clock.now().addingTimeInterval(TimeInterval(n * 60)), actor: AuditActor(login: actor, source: "10.0.0.\(n)"),
                   action: action, object: "TS-202611-000\(n)", outcome: outcome, detail: detail)
    }

    @Test(arguments: TestBackend.allCases) func recordsCannotBeChangedOrDeleted(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let log = AuditLog(store: store)
        try log.record(event(1))
        var refused = ["UPDATE audit_log SET actor = 'someone'", "DELETE FROM audit_log", "UPDATE audit_log SET outcome = 'failure' WHERE id = 1"]
        if backend == .postgres { refused.append("TRUNCATE audit_log") }
        for sql in refused {
            let error = #expect(throws: (any Error).self, "\(sql)") { try store.session(readOnly: false) { try $0.execute(sql) } }
            #expect("\(String(describing: error))".contains("append-only"), "\(sql)")
        }
        let kept = try log.entries(AuditQuery())
        #expect(kept.count == 1 && kept.first?.actor == "ma.li" && kept.first?.outcome == "success")
    }

    @Test(arguments: TestBackend.allCases) func recordJoinsTheCallersTransaction(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.writeAccounts { records in
                try AuditLog.record(event(1), in: records)
                throw Boom()
            }
        }
        #expect(try AuditLog(store: store).count(AuditQuery()) == 0)
    }

    @Test(arguments: TestBackend.allCases) func filtersAndPaging(_ backend: TestBackend) async throws {
        let log = AuditLog(store: try await backend.store())
        for n in 1...9 {
            try log.record(event(n, actor: n % 3 == 0 ? "zhang.san" : "ma.li", action: n % 2 == 0 ? .logout : .login,
                                 outcome: n == 5 ? .refused : .success))
        }
        #expect(try log.count(AuditQuery()) == 9)
        #expect(try log.entries(AuditQuery(actor: "zhang.san")).map(\.object) == ["TS-202611-0009", "TS-202611-0006", "TS-202611-0003"])
        #expect(try log.count(AuditQuery(action: .logout)) == 4)
        #expect(try log.count(AuditQuery(outcome: .refused)) == 1)
        let start = time.clock.now()
        #expect(try log.count(AuditQuery(since: start.addingTimeInterval(3 * 60), until: start.addingTimeInterval(6 * 60))) == 3)
        let page2 = try log.entries(AuditQuery(limit: 4, offset: 4, oldestFirst: true))
        #expect(page2.map(\.object) == ["TS-202611-0005", "TS-202611-0006", "TS-202611-0007", "TS-202611-0008"])
        #expect(page2.first?.time == "2026-11-05T01:35:00Z")
    }

    @Test(arguments: TestBackend.allCases) func csvNeutralisesFormulasAndHasABOM(_ backend: TestBackend) async throws {
        let log = AuditLog(store: try await backend.store())
        try log.record(event(1, actor: "=HYPERLINK(\"http://evil\",\"x\")", detail: "@SUM(A1:A9), +1"))
        let csv = try log.csv(AuditQuery(oldestFirst: true))
        let lines = csv.text.split(separator: "\n")
        #expect(lines.first == "序号,时间(UTC),操作人,来源地址,操作,对象,结果,详情")
        #expect(lines.last == #"1,2026-11-05T01:31:00Z,"'=HYPERLINK(""http://evil"",""x"")",10.0.0.1,login,TS-202611-0001,success,"'@SUM(A1:A9), +1""#)
        #expect(csv.utf8WithBOM.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    /// A row inserted outside gongkai with a value of the wrong type is an error, not a trap.
    @Test func wrongTypeInARowIsAClearError() throws {
        let store = try StoreDatabase()
        try store.write { db in
            try db.execute(sql: "INSERT INTO audit_log (at, actor, source, action, object, outcome, detail) VALUES ('x', X'FF00', '', '', '', 'success', '')")
        }
        #expect(throws: AuditLogError.self) { try AuditLog(store: store).entries(AuditQuery()) }
    }

    @Test(arguments: TestBackend.allCases) func controlCharactersCannotForgeLines(_ backend: TestBackend) async throws {
        let log = AuditLog(store: try await backend.store())
        try log.record(event(1, detail: "ok\n2026-11-05T00:00:00Z admin login success\u{1B}[2J"))
        let detail = try #require(try log.entries(AuditQuery()).first?.detail)
        #expect(!detail.contains("\n") && !detail.contains("\u{1B}"))
    }
}
