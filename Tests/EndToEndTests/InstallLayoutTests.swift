import Foundation
import OfficeTools
import Testing

/// The layout `make install` makes: PREFIX/bin/gongkai finds PREFIX/share/gongkai/templates by
/// itself, from a folder without templates/ and with no $GONGKAI_TEMPLATES; a folder named on the
/// command line still wins.
@Suite struct InstallLayoutTests {
    @Test func theInstalledBinaryFindsItsTemplates() async throws {
        let prefix = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let fm = FileManager.default
        try fm.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try fm.createDirectory(at: prefix.appendingPathComponent("share/gongkai"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: Binary.path, toPath: prefix.appendingPathComponent("bin/gongkai").path)
        try fm.copyItem(atPath: Binary.templates, toPath: prefix.appendingPathComponent("share/gongkai/templates").path)
        let work = prefix.appendingPathComponent("office")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)

        var environment = Binary.environment()
        environment["GONGKAI_TEMPLATES"] = nil
        func run(_ args: [String]) async throws -> (status: Int32, output: String) {
            let outcome = try await ChildProcess.run(prefix.appendingPathComponent("bin/gongkai").path, args, in: work,
                                                     environment: environment)
            return (outcome.status, String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self))
        }
        let demo = try await run(["demo", "--households", "30", "--db", "s.sqlite", "--out", "data"])
        #expect(demo.status == 0, "the installed templates were not found: \(demo.output)")
        let elsewhere = try await run(["demo", "--households", "30", "--db", "t.sqlite", "--out", "data2", "--templates", "nowhere"])
        #expect(elsewhere.status != 0 && elsewhere.output.contains("nowhere/"), "--templates still wins: \(elsewhere.output)")
    }
}
