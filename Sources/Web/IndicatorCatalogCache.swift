import Foundation
import GongkaiCore
import Indicators
import Store

/// The indicator definitions the dashboard computes with, loaded once and kept while the files
/// they are read from hold the same bytes: reading and checking templates/indicators.toml (every
/// statement prepared against the store) and standards.toml on every load was 15% of the
/// dashboard's time (issue 28). The files are read on every load all the same — two small files,
/// compared byte for byte, never by time stamp, whose granularity could hide a quick second edit —
/// so a member of staff who edits a definition sees it on the next load, without a restart. A
/// file that cannot be read or checked is reported on every load until it is mended; nothing
/// broken is kept.
final class IndicatorCatalogCache: @unchecked Sendable {

    /// A catalog and what names it: the SHA-256 of the bytes of every file it was read from, so
    /// figures kept for it (`MonthFiguresCache`) are forgotten when either file changes.
    struct Loaded: Sendable {
        let catalog: IndicatorCatalog
        let identity: String
    }

    private let load: @Sendable (String, StoreDatabase) throws -> IndicatorCatalog
    private let lock = NSLock()
    private var kept: (bytes: [Data?], loaded: Loaded)?

    /// `load` reads the definitions (a test counts its calls).
    init(load: @escaping @Sendable (String, StoreDatabase) throws -> IndicatorCatalog = { try IndicatorCatalog.load(templates: $0, store: $1) }) {
        self.load = load
    }

    /// The definitions of `templates`, checked against `store`. The files' bytes are read before
    /// the catalog is loaded: an edit in between leaves newer definitions under older bytes, which
    /// the next load finds different and loads again — never older definitions kept as current.
    func catalog(templates: String, store: StoreDatabase) throws -> Loaded {
        let bytes = IndicatorCatalog.templateFiles.map { FileManager.default.contents(atPath: (templates as NSString).appendingPathComponent($0)) }
        if let kept = lock.withLock({ kept }), kept.bytes == bytes { return kept.loaded }
        let catalog = try load(templates, store)
        var all = Data()
        for file in bytes {
            all.append(contentsOf: Digest.sha256Hex(file ?? Data()).utf8)
        }
        let loaded = Loaded(catalog: catalog, identity: Digest.sha256Hex(all))
        lock.withLock { kept = (bytes, loaded) }
        return loaded
    }
}
