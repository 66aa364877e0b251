import ArgumentParser
import Foundation
import GongkaiCore
import Publish
import Store

extension Channel: ExpressibleByArgument {}

struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a month: notices, complaint statistics, evaluation report, open data, manifest.",
        discussion: """
        Writes output/YYYY-MM/ (or --out DIR): notice-<programme>.pdf/.html for every programme with \
        recipients, notice-complaints.pdf/.html, evaluation.pdf/.html, indicators.csv/.json with \
        datapackage.json, index.html and manifest.json. With --split township, also one notice PDF per \
        township in output/YYYY-MM/<乡镇>/ for the village boards.

        Names: on the web channel (default) household heads' names are masked (张*明); the print channel \
        shows full names only if templates/office.toml allows it. ID numbers, phones, addresses, bank \
        accounts, health details and complainants never appear in any channel, and every file is checked \
        for them before anything is published.

        A published month is never edited. Publishing it again from the same data and templates gives \
        identical files; after the data changed it refuses unless you give --supersede --reason, which \
        writes release r2 (r3, …) beside the first with the reason and what changed. Check a release any \
        time with `gongkai verify output/YYYY-MM`.

        Signing: with the office key (--key, else $GONGKAI_KEY, else [signing] private_key in \
        templates/office.toml; make it once with `gongkai keys init`) the release carries \
        manifest.json.sig and office-key.pub.pem, and its index page shows the key's fingerprint. \
        Without a key the release is published unsigned and its index page says so.

        The month is rendered in <dir>.staging/ beside the output folder (on the same disk) and moved \
        into place only when every file is written and checked, so a web server serving the output \
        never shows a half-made month; Ctrl-C or SIGTERM removes the unfinished release, and the next \
        publish removes what a killed one left. A month for which the store holds no payments is refused.

        Examples:
          gongkai publish --month 2026-10
          gongkai publish --month 2026-10 --channel print --split township --out boards
          gongkai publish --month 2026-10 --supersede --reason "更正三营镇2户保障人数"
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @OptionGroup var keyOptions: KeyOptions

    @Option(help: ArgumentHelp("The month to publish.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("Where month folders go.", valueName: "dir"))
    var out = "output"

    @Option(help: "web (names masked) or print (village boards).")
    var channel: Channel = .web

    @Option(help: ArgumentHelp("township: also write one notice PDF per township.", valueName: "township"))
    var split: String?

    @Flag(help: "Publish a new release of an already published month (needs --reason).")
    var supersede = false

    @Option(help: ArgumentHelp("Why the month is published again (printed in the new release's manifest).", valueName: "text"))
    var reason: String?

    func validate() throws {
        _ = try parseMonth(month)
        if let split, split != "township" { throw ValidationError("--split takes one value: township") }
        if supersede && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--supersede needs --reason \"…\" saying why the month is published again")
        }
        if reason != nil && !supersede { throw ValidationError("--reason goes with --supersede") }
    }

    func run() async throws {
        let month = try parseMonth(self.month)
        let location = try keyOptions.location(templates: global.templatesPath)
        let signingKey = try location?.signingKey(forbidden: [out, global.templatesPath])
        if signingKey == nil { printError("note: " + (location?.absentNote ?? SigningKeyLocation.unconfiguredNote)) }
        let store = try global.openStore(.readWrite)
        let publisher = Publisher(store: store, templates: global.templatesPath,
                                  clock: global.clock, generator: "gongkai \(GongkaiVersion.current)", signingKey: signingKey,
                                  identity: try identity.cipher(for: store, global: global, creating: false, forbidden: [out]),
                                  progress: { progress($0) })
        progress("Publishing \(month) (\(channel.rawValue)) …")
        let outcome = try publisher.publish(Publisher.Options(
            month: month, channel: channel, splitByTownship: split != nil,
            output: URL(fileURLWithPath: out), supersedeReason: supersede ? reason : nil))
        if case .published(_, let manifest) = outcome {
            try CommandLineAudit.record(.publish, object: "\(manifest.month) r\(manifest.release)",
                                        detail: "\(channel.rawValue), \(manifest.files.count) files", in: store, clock: global.clock)
        }
        switch outcome {
        case .published(let directory, let manifest):
            let bytes = manifest.files.reduce(0) { $0 + $1.bytes }
            print("Published \(manifest.month) release \(manifest.release): \(manifest.files.count) files, \(bytes / 1024) KB in \(directory.path)/")
            print("Open \(directory.path)/index.html; check it any time with: gongkai verify \(directory.path)")
        case .unchanged(let directory, let manifest):
            print("\(manifest.month) release \(manifest.release) is already published from the same data and templates; the files were reproduced byte for byte. Nothing changed in \(directory.path)/")
        }
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a published release against its manifest and against the store.",
        discussion: """
        Checks every file's SHA-256 against manifest.json, then renders the month again from the store \
        and templates and compares; checks manifest.json.sig with the release's public key, and that the \
        key is the office's (--key, $GONGKAI_KEY or office.toml, when configured here). Exits non-zero \
        naming each file that was altered or that the data no longer reproduces, and each signature \
        problem: a signature that does not verify, one missing, or an unsigned release where the \
        office has a key.

        Example:
          gongkai verify output/2026-10
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @OptionGroup var keyOptions: KeyOptions

    @Argument(help: ArgumentHelp("A release folder (output/YYYY-MM or output/YYYY-MM/r2).", valueName: "dir"))
    var directory: String

    func run() async throws {
        let url = URL(fileURLWithPath: directory)
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent(Manifest.fileName).path) else {
            throw ValidationError("\(directory) holds no manifest.json: give a release folder such as output/2026-10")
        }
        let store = try global.openStore(.readOnly)
        let publisher = Publisher(store: store, templates: global.templatesPath,
                                  clock: global.clock, generator: "gongkai \(GongkaiVersion.current)",
                                  identity: try identity.cipher(for: store, global: global, creating: false, forbidden: [directory]))
        progress("Verifying \(directory) …")
        let officeKey = try keyOptions.location(templates: global.templatesPath)?.publicKey()
        let report = try Verifier(publisher: publisher, officeKey: officeKey).verify(url)
        for file in report.altered { printError("altered: \(file) does not match its SHA-256 in manifest.json") }
        for file in report.notReproduced { printError("not reproduced: \(file) differs when rendered again from the store") }
        for entry in report.unexpected { printError("not part of the release: \(entry)") }
        for problem in report.manifestProblems { printError("manifest: \(problem)") }
        for problem in report.signatureProblems { printError("signature: \(problem)") }
        for change in report.inputChanges { printError("note: \(change)") }
        guard report.passed else {
            throw CommandFailure("\(directory) did not verify (\(report.altered.count) altered, \(report.notReproduced.count) not reproduced, "
                                 + "\(report.unexpected.count) not part of the release, \(report.manifestProblems.count) manifest problems, "
                                 + "\(report.signatureProblems.count) signature problems).")
        }
        print("\(directory): all \(report.manifest.files.count) files match manifest.json and are reproduced from the store.")
        print(report.manifest.signingKeySHA256.map { "manifest.json.sig verifies: signed by the key \($0)." }
              ?? "The release is unsigned (no office key was configured when it was published).")
    }
}
