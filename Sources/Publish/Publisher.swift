import Desk
import Document
import Foundation
import GongkaiCore
import Indicators
import PDF
import Store

/// The monthly publication (公布): notices per programme, the policy page (standards and 办事指南),
/// the complaint statistics, the evaluation report, open data, an index and a manifest, in
/// output/YYYY-MM/.
///
/// A published month is a release and is never edited. Everything is rendered into a staging folder
/// beside the output folder (see `Staging`), checked by the guard, and only then moved into place
/// with one rename, so a failed, refused or killed run leaves nothing a reader of the output can
/// see. The month's indicator snapshot is stored only once its release is in place. Publishing again
/// from the same data and templates reproduces the same bytes (the release's publication date is
/// reused); different data needs `supersedeReason` and becomes release r2, r3, … beside the first,
/// with the reason and what changed. A month for which the store holds no payments is refused.
public struct Publisher: Sendable {
    public let store: StoreDatabase
    public let templates: String
    public let clock: Clock
    public let generator: String
    public let progress: @Sendable (String) -> Void
    /// The office key that signs new releases (manifest.json.sig), or nil to publish unsigned.
    public let signingKey: OfficeSigningKey?
    /// Opens the callers' names the guard keeps out of every file; needed when the store holds any.
    public let identity: CallerIdentityCipher?

    public init(store: StoreDatabase, templates: String, clock: Clock, generator: String,
                signingKey: OfficeSigningKey? = nil, identity: CallerIdentityCipher? = nil,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store; self.templates = templates; self.clock = clock; self.generator = generator
        self.signingKey = signingKey; self.identity = identity; self.progress = progress
    }

    public struct Options: Sendable {
        public var month: YearMonth
        public var channel: Channel
        public var splitByTownship: Bool
        public var output: URL
        public var supersedeReason: String?
        /// How many documents are typeset at once (nil: one per core). The files are the same bytes
        /// whatever the number.
        public var threads: Int?

        public init(month: YearMonth, channel: Channel = .web, splitByTownship: Bool = false, output: URL,
                    supersedeReason: String? = nil, threads: Int? = nil) {
            self.month = month; self.channel = channel; self.splitByTownship = splitByTownship
            self.output = output; self.supersedeReason = supersedeReason; self.threads = threads
        }
    }

    public enum Outcome: Sendable {
        /// A new release (the first, or one superseding an earlier release).
        case published(URL, Manifest)
        /// The month was already published from the same inputs; the files were reproduced and match.
        case unchanged(URL, Manifest)
    }

    public enum Refusal: Error, CustomStringConvertible {
        case changed(month: YearMonth, release: URL, reasons: [String])
        case notReproducible(file: String)
        case notARelease(URL)
        case noPayments(YearMonth)
        case townshipFolder(String)

        public var description: String {
            switch self {
            case .changed(let month, let release, let reasons):
                "\(month) 已经发布过（\(release.path)），而且\(reasons.joined(separator: "；"))。已发布的版本不再修改：请用 --supersede --reason \"…\" 发布新的一版并说明理由。"
            case .notReproducible(let file):
                "用相同的数据和模板重新发布，\(file) 却不同：这是 gongkai 的缺陷；已发布的版本保持原样"
            case .notARelease(let url):
                "\(url.path) 已存在但其中没有 manifest.json：请把它移走后重新发布"
            case .noPayments(let month):
                "数据库中没有 \(month) 的发放记录，该月没有可发布的内容：请先导入该月的 payments.csv（gongkai status 显示发放记录覆盖的月份）"
            case .townshipFolder(let name):
                "数据库中的乡镇 '\(name)' 不在 templates/townships.toml 中，--split township 没有代码为其文件夹命名：请把它添加到该文件（或更正 households.csv 后重新导入）"
            }
        }
    }

    public func publish(_ options: Options) throws -> Outcome {
        guard try store.hasPayments(in: options.month) else { throw Refusal.noPayments(options.month) }
        let context = try PublicationContext(store: store, templates: templates)
        // Read once: the guard holds every person and place the store names (callers decrypted).
        let guardian = try guardian(for: options, context: context)
        let monthDirectory = options.output.appendingPathComponent(options.month.description)
        let latest = try Releases.latest(in: monthDirectory)
        let staging = try Staging(output: options.output, month: options.month)
        defer { staging.discard() }

        guard let latest else {
            let rendering = try render(options, release: 1, date: clock.today, supersedes: nil, withheldBefore: [],
                                       publicKey: signingKey?.publicKey, context: context, guardian: guardian, into: staging.directory)
            try sign(rendering.manifest, in: staging.directory)
            try staging.move(to: monthDirectory)
            try saveSnapshot(rendering, context: context)
            try writeArchive(options, context: context, guardian: guardian)
            return .published(monthDirectory, rendering.manifest)
        }
        let previous = latest.manifest
        let expected = Manifest.Inputs(generator: generator, context: context, options: options, publicKey: signingKey?.publicKey)
        if previous.inputs == expected {
            let date = try previous.publication(file: latest.directory.appendingPathComponent(Manifest.fileName).path).date
            let rendering = try render(options, release: previous.release, date: date, supersedes: previous.supersedes,
                                       withheldBefore: previous.withheld ?? [], publicKey: signingKey?.publicKey,
                                       context: context, guardian: guardian, into: staging.directory)
            for file in rendering.manifest.files where previous.files.first(where: { $0.path == file.path })?.sha256 != file.sha256 {
                throw Refusal.notReproducible(file: file.path)
            }
            // The release is in place; a run stopped before storing its figures is completed here.
            try saveSnapshot(rendering, context: context)
            try writeArchive(options, context: context, guardian: guardian)
            return .unchanged(latest.directory, previous)
        }
        guard let reason = options.supersedeReason else {
            throw Refusal.changed(month: options.month, release: latest.directory, reasons: previous.differences(from: expected))
        }
        // The reason is published in the manifest: it is checked like every public text, before any work.
        try guardian.check(value: reason, label: "--reason 的更正理由")
        let release = previous.release + 1
        var rendering = try render(options, release: release, date: clock.today, supersedes: nil,
                                   withheldBefore: previous.withheld ?? [], publicKey: signingKey?.publicKey,
                                   context: context, guardian: guardian, into: staging.directory)
        rendering.manifest.supersedes = Manifest.Supersession(
            release: previous.release, reason: reason,
            changes: previous.differences(from: expected) + Releases.changes(from: latest, to: rendering.manifest, staging: staging.directory))
        try OutputFile.write(try rendering.manifest.encoded(), to: staging.directory.appendingPathComponent(Manifest.fileName).path)
        try sign(rendering.manifest, in: staging.directory)
        let target = monthDirectory.appendingPathComponent("r\(release)")
        try staging.move(to: target)
        try saveSnapshot(rendering, context: context)
        try writeArchive(options, context: context, guardian: guardian)
        return .published(target, rendering.manifest)
    }

    /// A release's files and manifest, and the month's indicator figures to store once it is in place.
    struct Rendering {
        var manifest: Manifest
        let snapshot: [IndicatorSnapshots.Row]
    }

    /// Writes manifest.json.sig, the office key's signature of the manifest's bytes, beside it (not
    /// for an unsigned release). Ed25519 is deterministic, so the signature reproduces too.
    private func sign(_ manifest: Manifest, in directory: URL) throws {
        guard let signingKey else { return }
        try OutputFile.write(try signingKey.signature(for: try manifest.encoded()),
                             to: directory.appendingPathComponent(Manifest.signatureFileName).path)
    }

    /// Stores the month's figures with what they were computed from; only after the release is in
    /// place, so a refused or failed publication writes nothing to the store.
    private func saveSnapshot(_ rendering: Rendering, context: PublicationContext) throws {
        try IndicatorSnapshots.save(rendering.snapshot, dataFingerprint: context.dataFingerprint,
                                    definitionsVersion: context.catalog.version, definitionsSHA256: context.catalog.sha256,
                                    computedAt: clock.now(), in: store)
    }

    /// Rebuilds output/index.html, the archive of every month and release, once a release is in
    /// place (or found reproduced): it lists what readers can open.
    private func writeArchive(_ options: Options, context: PublicationContext, guardian: PublicationGuard) throws {
        try Archive.write(output: options.output, office: context.office, html: context.html, guardian: guardian)
    }

    /// The guard for a channel: every person the store names (heads printed in full on the print
    /// channel's list), the places whose names are public (the district, its townships with their
    /// short names as charts print them, villages and desk units) and the office's own published numbers.
    func guardian(for options: Options, context: PublicationContext) throws -> PublicationGuard {
        let showsFullNames = PublicView(channel: options.channel, office: context.office, townshipOrder: []).showsFullNames
        let townships = context.schedule.townships.names
        let places = [context.office.district, context.schedule.townships.districtName] + townships
            + townships.map(Townships.shortName(of:)) + context.schedule.units.map(\.name) + Array(try PersonNames.villages(in: store))
        return PublicationGuard(people: try PersonNames.people(in: store, identity: identity), places: places,
                                publicNumbers: [context.office.hotline, context.office.supervisionPhone],
                                showsHeadsInFull: showsFullNames)
    }

    /// Renders every file of the month into `directory` (which exists) and writes its manifest.
    /// Used by `publish` and by `verify`, which re-renders a release to check it still matches the
    /// data. Writes nothing to the store. `withheldBefore`: what the release this one supersedes (or
    /// reproduces) withheld, which stays withheld. `publicKey`: the key that signs the release, which
    /// it publishes and names on its index page and in its manifest (nil: unsigned, and says so);
    /// the signature itself is written by `publish`, as `verify` renders without the private key.
    func render(_ options: Options, release: Int, date: CivilDate, supersedes: Manifest.Supersession?,
                withheldBefore: [String], publicKey: OfficePublicKey?, context: PublicationContext,
                guardian: PublicationGuard, into directory: URL) throws -> Rendering {
        let month = options.month
        let view = PublicView(channel: options.channel, office: context.office, townshipOrder: context.engine.townships)
        let catalogue = ReleaseCatalogue(settings: context.office.catalogue, publisher: context.office.name, month: month,
                                         release: release, date: date)
        var output = ReleaseWriter(directory: directory, context: context, guardian: guardian, catalogue: catalogue,
                                   threads: options.threads ?? ProcessInfo.processInfo.activeProcessorCount, progress: progress)

        for programme in try NoticeRecords.programmesWithRecipients(month: month, in: store) {
            let data = try view.programmeMonth(programme, month: month, store: store)
            try output.write(try ProgrammeNotice(data: data, office: context.office, publicationDate: date,
                                             calendar: context.schedule.calendar).document(),
                             name: "notice-\(programme.code)")
            if options.splitByTownship {
                for township in context.engine.townships where data.recipients.contains(where: { $0.township == township }) {
                    // Folders are named by the township's code, never by free text.
                    guard let code = context.schedule.townships.code(of: township) else { throw Refusal.townshipFolder(township) }
                    let notice = ProgrammeNotice(data: data, office: context.office, publicationDate: date,
                                                 calendar: context.schedule.calendar, township: township)
                    try output.write(try notice.document(), name: "\(code)/notice-\(programme.code)", html: false)
                }
            }
        }

        try output.write(PolicyPage.document(month: month, publicationDate: date, office: context.office,
                                             standards: context.catalog.standards, guides: context.guides),
                         name: "policy")

        progress("正在计算截至 \(month) 的 13 个月的指标……")
        let history = try context.engine.compute((0...12).map { month.adding(months: $0 - 12) })
        let current = history[history.count - 1]

        // One disclosure decision per month shown, read by every public file below.
        let desk = ComplaintDesk(store: store, schedule: context.schedule, clock: clock)
        let statistics = try desk.statistics(month: month)
        guard let (disclosure, disclosed) = Disclosure.disclose(
            history, complaints: try desk.list(ComplaintDesk.Filter()), catalog: context.catalog,
            townships: context.engine.townships, office: context.office, withheldBefore: withheldBefore) else {
            throw Refusal.noPayments(month)
        }
        try output.write(ComplaintNotice.document(ComplaintNoticeInputs(
            month: month, publicationDate: date, office: context.office, limits: context.schedule.settings,
            disclosure: disclosure, statistics: statistics)),
                         name: "notice-complaints")

        let summary = try StoreSummary.read(from: store, recentImports: 1000)
        try output.write(EvaluationReport.document(EvaluationInputs(
            month: month, publicationDate: date, office: context.office, catalog: context.catalog, history: disclosed,
            townships: context.engine.townships, complaints: statistics, disclosure: disclosure,
            matches: try ReportAggregates.matches(month: month, in: store),
            matchingLoop: try ReportAggregates.matchingLoop(pushedIn: month.adding(months: -2), calendar: context.schedule.calendar,
                                                           in: store),
            services: try ReportAggregates.services(month: month, in: store),
            staff: try ReportAggregates.staff(in: store),
            standardsCheck: StandardsCheckSummary(try PaymentCheck(store: store, standards: context.catalog.standards).findings(month),
                                                  townships: context.engine.townships),
            // The imports that changed something, as the data fingerprint counts them: re-importing
            // identical files changes neither, so the month still republishes and verifies.
            data: DataAppendix(imports: summary.recentImports.reversed().filter { $0.files.contains { $0.rowsInserted + $0.rowsUpdated > 0 } },
                               rowCounts: summary.counts,
                               dataFingerprint: context.dataFingerprint, definitionsVersion: context.catalog.version,
                               definitionsSHA256: context.catalog.sha256, templatesSHA256: context.templatesSHA256))),
                         name: "evaluation")

        let rows = disclosed[disclosed.count - 1].rows(catalog: context.catalog)
        let dataTitle = "\(context.office.district)\(month.chinese)社会救助绩效指标"
        try output.write(data: OpenData.csv(rows), name: "indicators.csv", title: "\(dataTitle)（CSV）")
        try output.write(data: try OpenData.json(rows), name: "indicators.json", title: "\(dataTitle)（JSON）")
        try output.write(data: try IndicatorWorkbook.data(rows, catalog: context.catalog, title: dataTitle,
                                                          created: "\(date)T00:00:00Z"),
                         name: "indicators.xlsx", title: "\(dataTitle)（Excel）")
        try output.write(data: try OpenData.dataPackage(month: month, release: release, publicationDate: date,
                                                              office: context.office, catalog: context.catalog),
                         name: "datapackage.json", title: "\(dataTitle)数据包说明（Frictionless Data Package）")
        if let publicKey {
            try output.write(data: Data(publicKey.pem.utf8), name: Manifest.publicKeyFileName,
                             title: "\(context.office.name)发布签名公钥（Ed25519）")
        }
        try output.writeIndex(month: month, release: release, date: date, signingKeySHA256: publicKey?.fingerprint)

        try guardian.check(output.files.map { directory.appendingPathComponent($0.path) })

        let manifest = Manifest(Manifest.Inputs(generator: generator, context: context, options: options, publicKey: publicKey),
                                month: month, release: release, publicationDate: date, files: output.files,
                                supersedes: supersedes, withheld: disclosure.manifestKeys,
                                publisher: context.office.name, category: context.office.catalogue.category)
        try OutputFile.write(try manifest.encoded(), to: directory.appendingPathComponent(Manifest.fileName).path)
        try guardian.check(directory.appendingPathComponent(Manifest.fileName))
        return Rendering(manifest: manifest, snapshot: current.snapshotRows(catalog: context.catalog))
    }
}

extension Manifest.Inputs {
    /// The inputs a publication would record now.
    init(generator: String, context: PublicationContext, options: Publisher.Options, publicKey: OfficePublicKey?) {
        self.init(generator: generator, dataFingerprint: context.dataFingerprint, definitionsVersion: context.catalog.version,
                  definitionsSHA256: context.catalog.sha256, templatesSHA256: context.templatesSHA256,
                  channel: options.channel, splitByTownship: options.splitByTownship, signingKeySHA256: publicKey?.fingerprint)
    }
}
