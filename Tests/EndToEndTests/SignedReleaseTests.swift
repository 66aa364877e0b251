import Foundation
import OfficeTools
import Testing

/// Signed releases and open data through the built binary, checked with the tools a reader has:
/// the real `openssl` and PyPI's `frictionless` (installed by `make deps`).
@Suite(.serialized) struct SignedReleaseTests {
    /// Runs a program, returning its status and output (stdout + stderr).
    static func tool(_ path: String, _ args: [String], in dir: URL) async throws -> (status: Int32, output: String) {
        let result = try await ExternalTool.run(path, args, in: dir, standardError: .merged)
        return (result.status, result.output)
    }

    static func openssl(_ args: [String], in dir: URL) async throws -> (status: Int32, output: String) {
        try await tool("/usr/bin/openssl", args, in: dir)
    }

    static let verifyArgs = ["pkeyutl", "-verify", "-pubin", "-inkey", "office-key.pub.pem", "-rawin",
                             "-in", "manifest.json", "-sigfile", "manifest.json.sig"]

    /// `frictionless` from the Makefile's venv, else from PATH.
    static var frictionless: String {
        let venv = Binary.packageRoot.appendingPathComponent(".venv-tools/bin/frictionless").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/frictionless" }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? venv
    }

    /// A demo store in `dir`, and an environment whose home has no key unless a test makes one.
    static func setUp(_ dir: URL) async throws -> [String: String] {
        let demo = try await Binary.run(["demo", "--households", "200", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        let home = dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return ["HOME": home.path, "GONGKAI_KEY": ""]
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func keysInitMakesAnOwnerOnlyKeyOutsideTheOutputFolder() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["HOME": dir.appendingPathComponent("home").path, "GONGKAI_KEY": ""]
        // The default path: office.toml's ~/.config/gongkai/office-ed25519.pem.
        let made = try await Binary.run(["keys", "init"], in: dir, environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        let key = dir.appendingPathComponent("home/.config/gongkai/office-ed25519.pem").path
        #expect(try Self.mode(key) == 0o600)
        #expect(try Self.mode(dir.appendingPathComponent("home/.config/gongkai/office-ed25519.pub.pem").path) == 0o644)
        #expect(try await Self.openssl(["pkey", "-in", key, "-noout"], in: dir).status == 0)
        let fingerprint = try await Self.openssl(["pkey", "-in", key, "-pubout", "-outform", "DER", "-out", "pub.der"], in: dir)
        #expect(fingerprint.status == 0)
        let der = try Data(contentsOf: dir.appendingPathComponent("pub.der"))
        let shown = try await Binary.run(["keys", "show"], in: dir, environment: env)
        #expect(shown.status == 0 && der.count == 44)
        #expect(made.stdout.contains(shown.stdout.split(separator: "\n")[1].split(separator: " ").last.map(String.init) ?? "?"))

        // Never overwritten; never in the output folder; $GONGKAI_KEY is used.
        let before = try Data(contentsOf: URL(fileURLWithPath: key))
        let again = try await Binary.run(["keys", "init"], in: dir, environment: env)
        #expect(again.status != 0 && again.stderr.contains("该位置已有文件"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: key)) == before)
        let inside = try await Binary.run(["keys", "init", "--key", "output/office.pem"], in: dir, environment: env)
        #expect(inside.status != 0 && inside.stderr.contains("在 output"), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))
        let fromEnv = try await Binary.run(["keys", "init"], in: dir, environment: ["HOME": env["HOME"] ?? "", "GONGKAI_KEY": "keys/k.pem"])
        #expect(fromEnv.status == 0, "\(fromEnv.stderr)")
        #expect(try Self.mode(dir.appendingPathComponent("keys/k.pem").path) == 0o600)
    }

    @Test func aSignedReleaseVerifiesWithOpenSSLAndFailsAfterAByteChanges() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var env = try await Self.setUp(dir)
        env["GONGKAI_KEY"] = dir.appendingPathComponent("keys/office.pem").path
        #expect(try await Binary.run(["keys", "init"], in: dir, environment: env).status == 0)
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir, environment: env)
        #expect(published.status == 0, "\(published.stderr)")
        let month = dir.appendingPathComponent("output/2026-10")

        // OpenSSL alone: the signature, and the fingerprint shown on the index page and in the manifest.
        let checked = try await Self.openssl(Self.verifyArgs, in: month)
        #expect(checked.status == 0 && checked.output.contains("Signature Verified Successfully"), "\(checked.output)")
        #expect(try await Self.openssl(["pkey", "-pubin", "-in", "office-key.pub.pem", "-outform", "DER", "-out", "../pub.der"], in: month).status == 0)
        let digest = try await Self.tool("/usr/bin/sha256sum", ["pub.der"], in: dir.appendingPathComponent("output"))
        let fingerprint = String(digest.output.prefix(64))
        let index = try String(contentsOf: month.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains(fingerprint) && !index.contains("未签名"))
        let manifestText = try String(contentsOf: month.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifestText.contains("\"signingKeySHA256\" : \"\(fingerprint)\"") && manifestText.contains("office-key.pub.pem"))
        let sumsOK = try await Self.tool("/bin/sh", ["-c", "grep -q \"$(sha256sum notice-dibao.pdf | cut -c1-64)\" manifest.json"], in: month)
        #expect(sumsOK.status == 0)

        let verified = try await Binary.run(["verify", "--db", "s.sqlite", "output/2026-10"], in: dir, environment: env)
        #expect(verified.status == 0 && verified.stdout.contains("由密钥 \(fingerprint) 签名"), "\(verified.output)")

        // Publishing again reproduces the signature byte for byte.
        let signature = try Data(contentsOf: month.appendingPathComponent("manifest.json.sig"))
        #expect(signature.count == 64)
        let again = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir, environment: env)
        #expect(again.status == 0 && again.stdout.contains("已用相同的数据和模板发布过"), "\(again.output)")
        #expect(try Data(contentsOf: month.appendingPathComponent("manifest.json.sig")) == signature)

        // Another key is another release: refused without --supersede, and verify names the key.
        var otherEnv = env
        otherEnv["GONGKAI_KEY"] = dir.appendingPathComponent("keys/other.pem").path
        #expect(try await Binary.run(["keys", "init"], in: dir, environment: otherEnv).status == 0)
        let otherKey = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir, environment: otherEnv)
        #expect(otherKey.status != 0 && otherKey.stderr.contains("本单位密钥 \(fingerprint)"), "\(otherKey.stderr)")
        let notOurs = try await Binary.run(["verify", "--db", "s.sqlite", "output/2026-10"], in: dir, environment: otherEnv)
        #expect(notOurs.status != 0 && notOurs.stderr.contains("不是本机配置的本单位密钥"), "\(notOurs.stderr)")

        // One byte of manifest.json changed (a hash digit): the signature no longer verifies.
        let manifestURL = month.appendingPathComponent("manifest.json")
        let original = try Data(contentsOf: manifestURL)
        var bytes = original
        guard let at = bytes.firstRange(of: Data("\"sha256\" : \"".utf8))?.upperBound else { Issue.record("no sha256"); return }
        bytes[at] = bytes[at] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        try bytes.write(to: manifestURL)
        let tampered = try await Binary.run(["verify", "--db", "s.sqlite", "output/2026-10"], in: dir, environment: env)
        #expect(tampered.status != 0 && tampered.stderr.contains("签名：manifest.json.sig 核验不通过"), "\(tampered.stderr)")
        #expect(try await Self.openssl(Self.verifyArgs, in: month).status != 0)

        // The signature removed while the manifest names a key: reported.
        try original.write(to: manifestURL)
        #expect(try await Binary.run(["verify", "--db", "s.sqlite", "output/2026-10"], in: dir, environment: env).status == 0)
        try FileManager.default.removeItem(at: month.appendingPathComponent("manifest.json.sig"))
        let unsignedNow = try await Binary.run(["verify", "--db", "s.sqlite", "output/2026-10"], in: dir, environment: env)
        #expect(unsignedNow.status != 0 && unsignedNow.stderr.contains("缺少 manifest.json.sig"), "\(unsignedNow.stderr)")
    }

    @Test func anUnsignedReleaseSaysSoAndIsReportedWhereTheOfficeHasAKey() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = try await Self.setUp(dir)
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir, environment: env)
        #expect(published.status == 0 && published.stderr.contains("本次发布不带签名"), "\(published.output)")
        let month = dir.appendingPathComponent("output/2026-10")
        let index = try String(contentsOf: month.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("本次发布未签名"))
        #expect(!FileManager.default.fileExists(atPath: month.appendingPathComponent("manifest.json.sig").path))
        #expect(!FileManager.default.fileExists(atPath: month.appendingPathComponent("office-key.pub.pem").path))
        let verified = try await Binary.run(["verify", "--db", "s.sqlite", "output/2026-10"], in: dir, environment: env)
        #expect(verified.status == 0 && verified.stdout.contains("该版本未签名"), "\(verified.output)")

        // A key named on the command line must exist; once the office has one, the unsigned release is reported.
        let missing = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--key", "nowhere.pem"], in: dir, environment: env)
        #expect(missing.status != 0 && missing.stderr.contains("nowhere.pem"), "\(missing.stderr)")
        #expect(try await Binary.run(["keys", "init"], in: dir, environment: env).status == 0)
        let reported = try await Binary.run(["verify", "--db", "s.sqlite", "output/2026-10"], in: dir, environment: env)
        #expect(reported.status != 0 && reported.stderr.contains("该版本未签名，但本机配置了本单位密钥"), "\(reported.stderr)")
    }

    @Test func theOpenDataValidatesWithFrictionless() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = try await Self.setUp(dir)
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir, environment: env)
        #expect(published.status == 0, "\(published.stderr)")
        let month = dir.appendingPathComponent("output/2026-10")
        let report = try await Self.tool(Self.frictionless, ["validate", "--json", "datapackage.json"], in: month)
        let json = try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any]
        let stats = json?["stats"] as? [String: Any]
        #expect(json?["valid"] as? Bool == true && (stats?["errors"] as? NSNumber)?.intValue == 0 && (stats?["tasks"] as? NSNumber)?.intValue == 2,
                "\(report.output.prefix(3000))")

        let package = try JSONSerialization.jsonObject(with: Data(contentsOf: month.appendingPathComponent("datapackage.json"))) as? [String: Any]
        let license = (package?["licenses"] as? [[String: Any]])?.first
        #expect(license?["name"] as? String == "CC-BY-4.0" && license?["path"] as? String == "https://creativecommons.org/licenses/by/4.0/")
        #expect(package?["created"] as? String == "2026-11-05T00:00:00+08:00" && package?["version"] as? String == "1")
        // Training hours are hours; a median has no numerator; a withheld row's status is in the enum.
        let csv = try String(contentsOf: month.appendingPathComponent("indicators.csv"), encoding: .utf8)
        #expect(csv.contains("training_hours_per_staff,all,all,2026-10,") && csv.contains(",hours,40,"))
        for line in csv.split(separator: "\n") where line.hasPrefix("approval_working_days_median,") {
            #expect(line.split(separator: ",", omittingEmptySubsequences: false)[5].isEmpty, "\(line)")
        }
        #expect(csv.contains(",不公布"))
    }
}
