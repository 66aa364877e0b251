import Foundation

/// The office programs the spreadsheet tests use to make fixtures and to read our files back:
/// Debian's python3 with openpyxl (python3-openpyxl) and LibreOffice (libreoffice-calc-nogui), both
/// installed by `make deps`. A missing tool is an error saying so; no test is skipped.
public enum OfficeTools {
    public struct Missing: Error, CustomStringConvertible {
        public let tool: String
        public var description: String { "\(tool) is not installed: run `make deps` (it installs python3-openpyxl and libreoffice-calc-nogui)" }
    }

    public struct Failed: Error, CustomStringConvertible {
        public let command: String
        public let output: String
        public var description: String { "\(command) failed: \(output)" }
    }

    /// Debian's interpreter, which has python3-openpyxl (a pyenv `python3` on PATH may not).
    public static let python = "/usr/bin/python3"
    public static let soffice = "/usr/bin/soffice"

    /// Runs a Python script (openpyxl imported) in `directory`; returns what it printed.
    @discardableResult
    public static func python(_ script: String, in directory: URL) async throws -> String {
        guard FileManager.default.isExecutableFile(atPath: python) else { throw Missing(tool: "python3 (\(python))") }
        let probe = try await run(python, ["-c", "import openpyxl"], in: directory)
        guard probe.status == 0 else { throw Missing(tool: "python3-openpyxl") }
        let result = try await run(python, ["-c", "import openpyxl\n" + script], in: directory)
        guard result.status == 0 else { throw Failed(command: "python3", output: result.output) }
        return result.output
    }

    /// Converts `file` with LibreOffice headless (`--convert-to csv` writes UTF-8 CSV, first sheet;
    /// `xlsx` turns a CSV into a workbook as Calc reads it). Returns the converted file.
    public static func convert(_ file: URL, to format: String) async throws -> URL {
        guard FileManager.default.isExecutableFile(atPath: soffice) else { throw Missing(tool: "LibreOffice (\(soffice))") }
        let out = file.deletingLastPathComponent().appendingPathComponent("converted-\(UUID().uuidString)")
        let filter = format == "csv" ? "csv:Text - txt - csv (StarCalc):44,34,76" : format
        // A private profile: two conversions at once must not share (and lock) one.
        let profile = "file://" + out.appendingPathComponent("profile").path
        // A CSV source is UTF-8, comma-separated (Calc would guess a Western encoding).
        let input = file.pathExtension == "csv" ? ["--infilter=CSV:44,34,76"] : []
        let result = try await run(soffice, ["-env:UserInstallation=\(profile)", "--headless"] + input + ["--convert-to", filter,
                                       "--outdir", out.path, file.path], in: file.deletingLastPathComponent())
        let converted = out.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "." + format)
        guard result.status == 0, FileManager.default.fileExists(atPath: converted.path) else {
            throw Failed(command: "soffice --convert-to \(format)", output: result.output)
        }
        return converted
    }

    public static func run(_ executable: String, _ args: [String], in directory: URL) async throws -> (status: Int32, output: String) {
        let result = try await ExternalTool.run(executable, args, in: directory, standardError: .merged)
        return (result.status, result.output)
    }
}
