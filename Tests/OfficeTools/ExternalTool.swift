import Foundation

/// Runs one of the programs the tests read our files back with (poppler, openssl, curl, python3,
/// LibreOffice, pdfua …), as a reader's or an administrator's software would.
public enum ExternalTool {
    /// What becomes of the program's standard error.
    public enum StandardError: Sendable { case discarded, merged }

    public struct Result: Sendable {
        public let status: Int32
        public let data: Data
        public var output: String { String(decoding: data, as: UTF8.self) }
    }

    /// Runs `path args` in `directory` and waits for it (without blocking a thread: `ChildProcess`).
    public static func run(_ path: String, _ args: [String], in directory: URL? = nil,
                           standardError: StandardError = .discarded) async throws -> Result {
        let outcome = try await ChildProcess.run(path, args, in: directory,
                                                 standardError: standardError == .merged ? .merged : .discarded)
        return Result(status: outcome.status, data: outcome.stdout)
    }
}
