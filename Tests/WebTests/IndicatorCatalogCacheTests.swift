import Foundation
import GongkaiCore
import HummingbirdTesting
import Indicators
import Store
import Testing
@testable import Web

/// The dashboard keeps the indicator definitions while their files are unchanged (issue 28), and a
/// member of staff who edits them sees the edit on the next load, without a restart.
@Suite struct IndicatorCatalogCacheTests {
    /// A copy of the project's templates folder, to edit; removed by the caller.
    static func templatesCopy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-cache-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: WebTestBed.templates), to: copy)
        return copy
    }

    /// Replaces `old` with `new` in the file `name` of `folder` (in place: same inode).
    static func edit(_ name: String, in folder: URL, _ old: String, _ new: String) throws {
        let file = folder.appendingPathComponent(name)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old), "\(name) holds \(old)")
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: old, with: new).utf8))
    }

    /// Counts the loads the cache asks for.
    final class Loads: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        var count: Int { lock.withLock { n } }
        func load(_ templates: String, _ store: StoreDatabase) throws -> IndicatorCatalog {
            lock.withLock { n += 1 }
            return try IndicatorCatalog.load(templates: templates, store: store)
        }
    }

    @Test func theDefinitionsAreLoadedOnceAndAgainAfterAnEditOfEitherFile() throws {
        let folder = try Self.templatesCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try StoreDatabase()
        let loads = Loads()
        let cache = IndicatorCatalogCache { try loads.load($0, $1) }
        func name(_ catalog: IndicatorCatalog) -> String? { catalog.definitions.first { $0.id == "payments_on_time_rate" }?.name }

        let first = try cache.catalog(templates: folder.path, store: store)
        let again = try cache.catalog(templates: folder.path, store: store)
        #expect(loads.count == 1 && first.identity == again.identity)
        #expect(name(again.catalog) == "资金按时发放率")

        // The same number of bytes, written at once: a time stamp and a size might not tell; the bytes do.
        try Self.edit("indicators.toml", in: folder, "name = \"资金按时发放率\"", "name = \"资金按时足额率\"")
        let edited = try cache.catalog(templates: folder.path, store: store)
        #expect(loads.count == 2 && edited.identity != first.identity)
        #expect(name(edited.catalog) == "资金按时足额率")
        _ = try cache.catalog(templates: folder.path, store: store)
        #expect(loads.count == 2)

        // The payment standards are part of the definitions: an edit there loads them again too.
        let standards = try String(contentsOf: folder.appendingPathComponent("standards.toml"), encoding: .utf8)
        try Data((standards + "\n# 已核对\n").utf8).write(to: folder.appendingPathComponent("standards.toml"))
        let restandarded = try cache.catalog(templates: folder.path, store: store)
        #expect(loads.count == 3 && restandarded.identity != edited.identity)

        // A broken file is reported on every load, never kept; mended back to the bytes last loaded,
        // the definitions kept for them serve again; edited otherwise, they are loaded again.
        try Self.edit("indicators.toml", in: folder, "name = \"资金按时足额率\"", "name = ")
        #expect(throws: InputError.self) { try cache.catalog(templates: folder.path, store: store) }
        #expect(throws: InputError.self) { try cache.catalog(templates: folder.path, store: store) }
        #expect(loads.count == 5)
        try Self.edit("indicators.toml", in: folder, "name = \n", "name = \"资金按时足额率\"\n")
        let mended = try cache.catalog(templates: folder.path, store: store)
        #expect(loads.count == 5 && mended.identity == restandarded.identity && name(mended.catalog) == "资金按时足额率")
        try Self.edit("indicators.toml", in: folder, "name = \"资金按时足额率\"", "name = \"资金按时发放率\"")
        let back = try cache.catalog(templates: folder.path, store: store)
        #expect(loads.count == 6 && name(back.catalog) == "资金按时发放率")
    }

    /// On the page: an indicator renamed in indicators.toml between two loads of the dashboard shows
    /// its new name on the second; a month published between two loads shows its snapshot's figure.
    @Test func theDashboardShowsAnEditedDefinitionAndANewSnapshotOnTheNextLoad() async throws {
        let folder = try Self.templatesCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bed = try WebTestBed(time: ManualClock(try #require(ChinaTime.parseMinute("2026-12-08 09:00"))), templates: folder.path)
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let before = String(buffer: try await browser.get(client, "/dashboard?month=2026-11").body)
            #expect(before.contains("<th scope=\"row\">资金按时发放率</th><td data-label=\"本月\">—</td>"))
            #expect(before.contains("2026年11月未发布"))

            try Self.edit("indicators.toml", in: folder, "name = \"资金按时发放率\"", "name = \"资金按时足额率\"")
            let renamed = String(buffer: try await browser.get(client, "/dashboard?month=2026-11").body)
            #expect(renamed.contains("<th scope=\"row\">资金按时足额率</th><td data-label=\"本月\">—</td>"))
            #expect(!renamed.contains("资金按时发放率"))

            try DashboardRouteTests.snapshot([("2026-11", "payments_on_time_rate", "all", "97.5", "预警")],
                                             at: "2026-12-02 08:00", fingerprint: "b", in: bed.store)
            let published = String(buffer: try await browser.get(client, "/dashboard?month=2026-11").body)
            #expect(published.contains("<th scope=\"row\">资金按时足额率</th><td data-label=\"本月\">97.5%</td>"))
            #expect(!published.contains("2026年11月未发布"))
        }
    }
}
