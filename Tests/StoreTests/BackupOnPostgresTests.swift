import Foundation
import StoreTestSupport
import Testing
@testable import Store

/// `StoreDatabase.backup` copies SQLite files; a PostgreSQL store is the administrator's pg_dump.
@Suite struct BackupOnPostgresTests {
    @Test func aPostgreSQLStoreIsRefusedBeforeAnythingIsWritten() async throws {
        let store = try await TestBackend.postgres.store()
        guard case .postgres(let connections) = store.backend else { Issue.record("not a PostgreSQL store"); return }
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-backup-\(UUID().uuidString)/copy.sqlite").path
        #expect(throws: StoreCopyError.serverDatabase(connections.address)) { try store.backup(to: destination) }
        #expect(!FileManager.default.fileExists(atPath: destination))
        #expect(!FileManager.default.fileExists(atPath: (destination as NSString).deletingLastPathComponent))
        let said = StoreCopyError.serverDatabase(connections.address).description
        #expect(said.contains("pg_dump") && said.contains(connections.address.database) && said.contains("没有写出任何文件"))
    }
}
