import Foundation
import OfficeTools
import GRDB
import GongkaiCore
@testable import Store
import Testing

/// What a publication leaves when it is killed, stopped, refused or cannot write; what commands
/// that only read do to a store they may not write; and how file-system failures are worded.
@Suite(.serialized) struct PublicationSafetyTests {
    let dir: URL

    init() throws { dir = try Binary.temporaryDirectory() }

    /// A demo store in dir/s.sqlite.
    func demo(households: Int) async throws {
        let r = try await Binary.run(["demo", "--households", "\(households)", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    func snapshotRows() throws -> Int {
        try StoreDatabase(path: dir.appendingPathComponent("s.sqlite").path, access: .readOnly)
            .read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM indicator_snapshot") ?? 0 }
    }

    func entries(_ name: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(name).path)) ?? []
    }

    /// Starts `gongkai publish`, waits until it is writing files into its staging folder, waits
    /// `delay` more and sends `signal`.
    func interruptedPublish(_ signal: Int32, after delay: Duration) async throws -> (process: Process, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["publish", "--month", "2026-10", "--db", "s.sqlite"]
        process.currentDirectoryURL = dir
        process.environment = Binary.environment()
        let errors = dir.appendingPathComponent("stderr.txt")
        #expect(FileManager.default.createFile(atPath: errors.path, contents: nil))
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let staging = dir.appendingPathComponent("output.staging/2026-10-\(process.processIdentifier)")
        let started = Date()
        while process.isRunning && Date().timeIntervalSince(started) < 30 && FileSystemFixtures.files(in: staging).isEmpty {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: delay)
        kill(process.processIdentifier, signal)
        await ChildProcess.exit(of: process)
        return (process, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    @Test func killedOrStoppedPublicationLeavesNothingAReaderCanReach() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // 300 households: the debug build takes over 2 s to publish, time enough to be stopped.
        try await demo(households: 300)
        let output = dir.appendingPathComponent("output")
        for delay in [0.0, 0.5, 1.0] {
            let (process, _) = try await interruptedPublish(SIGKILL, after: .seconds(delay))
            #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
            FileSystemFixtures.expectOnlyCompleteReleases(output)
            #expect(!entries("output").contains { $0.hasPrefix(".") }, "\(entries("output"))")
        }
        #expect(try snapshotRows() == 0, "a killed publication stored figures")
        for delay in [0.1, 0.8] {
            let (process, stderr) = try await interruptedPublish(SIGTERM, after: .seconds(delay))
            #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGTERM, "\(stderr)")
            #expect(stderr.contains("被 SIGTERM 中止；未完成的版本已删除，没有发布任何文件"), "\(stderr)")
            // The stopped run removed its own folder, and swept those the killed runs left.
            #expect(entries("output.staging").isEmpty, "\(entries("output.staging"))")
            FileSystemFixtures.expectOnlyCompleteReleases(output)
        }
        #expect(try snapshotRows() == 0, "a stopped publication stored figures")

        // A killed run leaves its folder in output.staging/ (outside the served folder); the next
        // publish removes it, and one gongkai 0.1 left inside output/ by a process that is gone.
        _ = try await interruptedPublish(SIGKILL, after: .milliseconds(300))
        #expect(!entries("output.staging").isEmpty)
        let legacy = output.appendingPathComponent(".staging-2026-10-2147483646")
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(entries("output.staging").isEmpty, "\(entries("output.staging"))")
        // The release and the archive of months (output/index.html), nothing else.
        #expect(entries("output").sorted() == ["2026-10", "index.html"])
        FileSystemFixtures.expectOnlyCompleteReleases(output)
        #expect(try snapshotRows() > 0)
        #expect(try await Binary.run(["verify", "output/2026-10", "--db", "s.sqlite"], in: dir).status == 0)

        // A manifest is input: an edited publication date is an error naming it, for publish and verify.
        let manifest = output.appendingPathComponent("2026-10/manifest.json")
        let edited = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: #""publicationDate" : "2026-11-05""#, with: #""publicationDate" : "0999-11-05""#)
        try edited.write(to: manifest, atomically: true, encoding: .utf8)
        for args in [["publish", "--month", "2026-10"], ["verify", "output/2026-10"]] {
            let r = try await Binary.run(args + ["--db", "s.sqlite"], in: dir)
            #expect(r.status == 1, "\(args): \(r.output)")
            #expect(r.stderr.contains("\(manifest.path): publicationDate: '0999-11-05' 的年份 999 超出 1949–2100"), "\(args): \(r.stderr)")
        }
    }

    @Test func aRefusedPublicationWritesNothingToTheStore() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try await demo(households: 120)
        // A month without payments, then a leak the guard stops: neither leaves a file or a figure.
        let empty = try await Binary.run(["publish", "--month", "2027-06", "--db", "s.sqlite"], in: dir)
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("数据库中没有 2027-06 的发放记录"), "\(empty.stderr)")
        let leak = dir.appendingPathComponent("leak")
        try FileManager.default.createDirectory(at: leak, withIntermediateDirectories: true)
        try """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        PL0001,三营镇,联系13912345678村,马小花,640402199001010038,13700001234,2,农村
        """.write(to: leak.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        try """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        PL0001,dibao,一类,2,1090.00,按月,2026-08-01,2026-08-20,2026-09,,,
        """.write(to: leak.appendingPathComponent("enrolments.csv"), atomically: true, encoding: .utf8)
        #expect(try await Binary.run(["import", "leak", "--db", "s.sqlite"], in: dir).status == 0)
        let refused = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("“村（社区）”栏含有手机号"), "\(refused.stderr)")
        #expect(try snapshotRows() == 0)
        #expect(entries("output").isEmpty && entries("output.staging").isEmpty)
    }

    @Test func aStoreWithoutPaymentsPublishesNothing() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try StoreDatabase(path: dir.appendingPathComponent("s.sqlite").path)
        let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("数据库中没有 2026-10 的发放记录，该月没有可发布的内容：请先导入该月的 payments.csv"), "\(result.stderr)")
        #expect(entries("output").isEmpty)
    }

    @Test func aWriteThatFailsIsAnErrorNamingThePath() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try await demo(households: 120)
        let disk = dir.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        // A 300 KB disk holds the staging folders but not the month's PDFs. Without the right to
        // mount, a file-size limit makes the same kind of write fail (EFBIG instead of ENOSPC).
        let mounted = FileSystemFixtures.mountTinyDisk(at: disk, kilobytes: 300)
        defer { if mounted { FileSystemFixtures.unmount(disk) } }
        let launcher = mounted ? [] : FileSystemFixtures.fileSizeLimit(kilobytes: 100)
        let reason = mounted ? "磁盘已满" : "文件将超过当前账号或磁盘允许的大小"

        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--out", "disk/output"],
                                       in: dir, launcher: launcher)
        #expect(published.status == 1)
        #expect(published.stderr.contains("无法写入 \(dir.path)/disk/output.staging/2026-10-"), "\(published.stderr)")
        #expect(published.stderr.contains(reason), "\(published.stderr)")
        #expect(entries("disk/output").isEmpty && entries("disk/output.staging").isEmpty)
        #expect(try snapshotRows() == 0)

        // The example's PDF (about 290 KB) does not fit in what is left on the disk.
        if mounted {
            #expect(FileManager.default.createFile(atPath: disk.appendingPathComponent("filler").path, contents: Data(count: 200_000)))
        }
        let example = Binary.packageRoot.appendingPathComponent("templates/examples/document.json").path
        let rendered = try await Binary.run(["render", example, "--pdf", "disk/big.pdf"], in: dir, launcher: launcher)
        #expect(rendered.status != 0)
        #expect(rendered.stderr.contains("无法写入 disk/big.pdf：\(reason)"), "\(rendered.stderr)")
        #expect(!FileManager.default.fileExists(atPath: disk.appendingPathComponent("big.pdf").path))
        #expect(entries("disk").allSatisfy { !$0.hasSuffix(".partial") }, "\(entries("disk"))")
    }

    @Test func commandsThatOnlyReadWorkOnAReadOnlyStoreAndChangeNothing() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try await demo(households: 120)
        #expect(try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir).status == 0)
        try DeskAccounts.add(to: dir.appendingPathComponent("s.sqlite").path)
        let folder = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: dir.appendingPathComponent("s.sqlite"), to: folder.appendingPathComponent("s.sqlite"))
        let before = FileSystemFixtures.files(in: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.appendingPathComponent("s.sqlite").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        // Root ignores modes: a read-only mount, or else running as nobody, makes them count.
        let mounted = FileSystemFixtures.mountReadOnly(folder)
        defer { if mounted { FileSystemFixtures.unmount(folder) } }
        let launcher = FileSystemFixtures.isRoot && !mounted ? FileSystemFixtures.asNobody : []

        let db = ["--db", "ro/s.sqlite"]
        for args in [["status"], ["status", "--format", "json"], ["indicators", "--month", "2026-10"],
                     ["indicators", "--month", "2026-10", "--format", "csv"], ["verify", "output/2026-10"],
                     ["complaint", "list"], ["complaint", "stats", "--month", "2026-10"],
                     ["complaint", "show", "TS-202610-0001", "--as", DeskAccounts.centre]] {
            let r = try await Binary.run(args + db, in: dir, launcher: launcher)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        // A command that writes says why it cannot.
        let step = try await Binary.run(["complaint", "supervise", "TS-202610-0001", "--as", DeskAccounts.centre] + db, in: dir, launcher: launcher)
        #expect(step.status != 0)
        #expect(step.stderr.contains("无法写入数据库 ro/s.sqlite：它是只读的"), "\(step.stderr)")
        // Nothing was written: the same bytes, and no -wal or -shm beside the file.
        #expect(FileSystemFixtures.files(in: folder) == before)
    }

    @Test func everyCommandButImportAndDemoRefusesAMissingDatabase() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let release = dir.appendingPathComponent("release")
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: release.appendingPathComponent("manifest.json").path, contents: Data("{}".utf8)))
        let db = ["--db", "missing/none.sqlite"]
        for args in [["status"], ["indicators", "--month", "2026-10"], ["publish", "--month", "2026-10"], ["verify", "release"],
                     ["complaint", "list"], ["complaint", "show", "TS-202610-0001"], ["complaint", "stats", "--month", "2026-10"],
                     ["complaint", "lookup", "TS-202610-0001", "--pin", "0000"], ["complaint", "accept", "TS-202610-0001"],
                     ["complaint", "add", "--channel", "来信", "--type", "建议", "--category", "其他", "--summary", "x"]] {
            let r = try await Binary.run(args + db, in: dir, environment: ["GONGKAI_USER": DeskAccounts.centre])
            #expect(r.status == 1, "\(args): \(r.output)")
            #expect(r.stderr.contains("没有数据库 missing/none.sqlite："), "\(args): \(r.stderr)")
            #expect(r.stderr.contains("请先导入数据（gongkai import 或 gongkai demo）"), "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("missing").path))
    }

    @Test func fileSystemFailuresAreOneSentenceWithThePath() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try await demo(households: 120)
        let publish = ["publish", "--month", "2026-10", "--db", "s.sqlite", "--out"]

        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("web").path, withDestinationPath: "/nonexistent/www")
        let dangling = try await Binary.run(publish + ["web"], in: dir)
        #expect(dangling.status == 1)
        #expect(dangling.stderr.contains("无法发布到 \(dir.path)/web：它是指向 /nonexistent/www 的符号链接，而 /nonexistent/www 不存在；请创建 /nonexistent/www"), "\(dangling.stderr)")

        let long = String(repeating: "长", count: 100)  // 300 bytes: longer than a name may be
        let tooLong = try await Binary.run(publish + [long], in: dir)
        #expect(tooLong.status == 1)
        #expect(tooLong.stderr.contains("路径中有名称超过文件系统的长度限制"), "\(tooLong.stderr)")
        #expect(!tooLong.stderr.contains("NSCocoaErrorDomain") && !tooLong.stderr.contains("Error Domain"))

        let served = dir.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: served.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: served.path) }
        let mounted = FileSystemFixtures.mountReadOnly(served)
        defer { if mounted { FileSystemFixtures.unmount(served) } }
        let launcher = FileSystemFixtures.isRoot && !mounted ? FileSystemFixtures.asNobody : []
        if !launcher.isEmpty {
            // nobody must be able to use the store, just not the served folder.
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dir.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: dir.appendingPathComponent("s.sqlite").path)
        }
        let readOnly = try await Binary.run(publish + ["served/output"], in: dir, launcher: launcher)
        #expect(readOnly.status == 1)
        let reason = mounted ? "磁盘是只读的；请选择可写磁盘上的文件夹" : "没有权限；请检查谁可以写入该位置"
        #expect(readOnly.stderr.contains("无法创建输出文件夹 \(served.path)/output：\(reason)"), "\(readOnly.stderr)")
    }

    @Test func monthFlagsOutsideTheSupportedYearsSaySo() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        for command in ["indicators", "publish"] {
            let r = try await Binary.run([command, "--month", "0001-01", "--db", "none.sqlite"], in: dir)
            #expect(r.status != 0)
            #expect(r.stderr.contains("--month 0001-01 的年份 1 超出范围：gongkai 只支持 1949–2100 年"), "\(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"))
        }
        let clock = try await Binary.run(["status", "--db", "none.sqlite"], in: dir, environment: ["GONGKAI_NOW": "0999-05-01T10:00:00+08:00"])
        #expect(clock.status != 0)
        #expect(clock.stderr.contains("GONGKAI_NOW: '0999-05-01T10:00:00+08:00' 的年份 999 超出 1949–2100"), "\(clock.stderr)")
    }
}
