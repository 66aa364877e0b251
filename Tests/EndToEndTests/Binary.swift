import Foundation
import OfficeTools
import Testing

/// Runs the built `gongkai` binary, as a user would. Tests drive the real executable end to end.
///
/// The binary is `$GONGKAI_BIN` when set, else `.build/debug/gongkai` in this package (built by
/// `make test`, which runs `swift build --build-tests` first).
enum Binary {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        ProcessInfo.processInfo.environment["GONGKAI_BIN"]
            ?? packageRoot.appendingPathComponent(".build/debug/gongkai").path
    }

    static var templates: String { packageRoot.appendingPathComponent("templates").path }

    /// The caller-identity key the binary uses in this test process (a test may name another); its
    /// folder is removed when the test process exits.
    static let identityKeyPath: String = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("gongkai-test-keys-\(ProcessInfo.processInfo.processIdentifier)").path
        keyFolder = folder
        atexit { if let keyFolder { try? FileManager.default.removeItem(atPath: keyFolder) } }
        return folder + "/caller-identity.key"
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The process was ended by a signal (a trap is SIGILL or SIGTRAP); `status` is then the signal number.
        var signalled = false
        var output: String { stdout + stderr }
    }

    /// The environment every test runs the binary in: the repository's templates, a fixed clock, and
    /// one caller-identity key for this test run (made by the first command that needs it), never the
    /// user's own (~/.config/gongkai/caller-identity.key). `overrides` win.
    static func environment(_ overrides: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["GONGKAI_TEMPLATES"] = templates
        env["GONGKAI_NOW"] = env["GONGKAI_NOW"] ?? "2026-11-05T09:30:00+08:00"
        env["GONGKAI_IDENTITY_KEY"] = identityKeyPath
        for (k, v) in overrides { env[k] = v }
        return env
    }

    /// Runs `gongkai args…` in `directory` with the repository's templates unless overridden.
    /// `launcher` runs the binary through another program (`setpriv …`, `sh -c …`), which gets the
    /// binary's path and then `args`.
    @discardableResult
    static func run(_ args: [String], in directory: URL? = nil, stdin: String? = nil,
                    environment: [String: String] = [:], launcher: [String] = []) async throws -> Result {
        let outcome = try await ChildProcess.run(launcher.first ?? path,
                                                 launcher.isEmpty ? args : Array(launcher.dropFirst()) + [path] + args,
                                                 in: directory, environment: Binary.environment(environment),
                                                 stdin: Data((stdin ?? "").utf8))
        return Result(status: outcome.status,
                      stdout: String(decoding: outcome.stdout, as: UTF8.self),
                      stderr: String(decoding: outcome.stderr, as: UTF8.self),
                      signalled: outcome.signalled)
    }

    /// A fresh temporary directory, removed by the caller's `defer`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gongkai-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The test process's key folder, removed at exit (a C function pointer cannot capture it).
nonisolated(unsafe) private var keyFolder: String?
